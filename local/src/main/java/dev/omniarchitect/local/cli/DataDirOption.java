package dev.omniarchitect.local.cli;

import dev.omniarchitect.local.engine.DataDirectory;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** The {@code --data-dir} option of every command that uses the local engine. */
final class DataDirOption {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "the engine's data directory: its store (jobs and the cache) and logs "
                    + "(default: OMNI_DATA_DIR, else ~/.omni)")
    Path dataDir;

    /** The data directory: the flag, else OMNI_DATA_DIR, else ~/.omni. */
    DataDirectory resolve(Map<String, String> environment) {
        return DataDirectory.resolve(dataDir, environment);
    }
}
