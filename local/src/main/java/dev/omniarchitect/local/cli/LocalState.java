package dev.omniarchitect.local.cli;

import dev.omniarchitect.local.runtime.LocalPipeline;
import dev.omniarchitect.local.tools.InstalledTools;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Where the command line keeps its state: {@code OMNI_DATA_DIR} (default {@code .omni}) with DynamoDB
 * Local's files and the functions' log, and the local pipeline over them.
 */
final class LocalState {

    private final Map<String, String> environment;
    private final Path dataDirectory;

    LocalState(Map<String, String> environment) {
        this.environment = environment;
        this.dataDirectory = Path.of(environment.getOrDefault("OMNI_DATA_DIR", ".omni"));
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    /** The functions' JSON log file. */
    Path logFile() {
        return dataDirectory.resolve("logs").resolve("omni.log");
    }

    /** The functions' JSON log, opened for appending. */
    PrintStream openLog() throws IOException {
        Files.createDirectories(logFile().getParent());
        return new PrintStream(Files.newOutputStream(logFile(), StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                true, StandardCharsets.UTF_8);
    }

    /**
     * A pipeline on this state and environment, logging to {@code logs}, to configure further; the real
     * checkers on the PATH add their findings to the items' own.
     */
    LocalPipeline.Builder pipeline(PrintStream logs) {
        return LocalPipeline.builder().environment(environment).dataDirectory(dataDirectory).logOutput(logs)
                .externalChecks(InstalledTools.fromEnvironment(environment));
    }
}
