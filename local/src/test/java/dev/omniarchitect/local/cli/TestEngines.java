package dev.omniarchitect.local.cli;

import dev.omniarchitect.local.engine.EngineInfo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Ends the engine a test's commands started, whatever happened in the test: no test leaves one running. */
final class TestEngines {

    private TestEngines() {
    }

    /** Stops the engine of that data directory, if one runs, and kills its process if it is still there. */
    static void stop(Path dataDirectory) {
        Optional<EngineInfo> engine = EngineInfo.read(dataDirectory.resolve("engine.json"));
        OmniCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), Map.of())
                .execute("engine", "stop", "--data-dir", dataDirectory.toString());
        engine.filter(info -> info.pid() != ProcessHandle.current().pid())
                .flatMap(info -> ProcessHandle.of(info.pid()))
                .ifPresent(TestEngines::kill);
    }

    /** Kills that process and waits for it to be gone. */
    static void kill(ProcessHandle process) {
        process.destroyForcibly();
        // As the engine sees it: an engine is no child of this JVM, and the JDK counts a zombie as alive.
        if (!EngineInfo.awaitEnd(process.pid(), Duration.ofSeconds(30))) {
            throw new AssertionError("process " + process.pid() + " did not end");
        }
    }
}
