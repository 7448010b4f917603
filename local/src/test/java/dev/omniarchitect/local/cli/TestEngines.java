package dev.omniarchitect.local.cli;

import dev.omniarchitect.local.engine.EngineInfo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

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
        // An engine is no child of this JVM: ended, it may stay a zombie until init reaps it (or for good).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (EngineInfo.running(process.pid())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("process " + process.pid() + " did not end");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while process " + process.pid() + " ended", e);
            }
        }
    }
}
