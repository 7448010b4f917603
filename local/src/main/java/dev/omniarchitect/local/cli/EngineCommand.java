package dev.omniarchitect.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.json.Json;
import dev.omniarchitect.local.engine.DataDirectory;
import dev.omniarchitect.local.engine.EngineClient;
import dev.omniarchitect.local.engine.EngineLauncher;
import dev.omniarchitect.local.engine.EngineSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code omni engine status|stop}: the local engine that owns a data directory. */
@Command(name = "engine",
        mixinStandardHelpOptions = true,
        header = "Shows or stops the local engine that owns a data directory (omni engine status|stop).",
        description = {
            "The local engine: the one process that owns a data directory (its DynamoDB Local, its executions,",
            "its warm JIT). omni run and omni invoke are its clients: they start it in the background when",
            "none runs (saying so once on stderr) and reuse it afterwards. A background engine exits after 15 min",
            "without a request or a running job (" + EngineSettings.IDLE_VARIABLE + " sets the seconds). Its JVM",
            "options, its heap bound among them, are " + EngineLauncher.JAVA_OPTIONS_VARIABLE + ", by default:",
            "  " + EngineLauncher.DEFAULT_MEMORY_OPTIONS,
            "  " + EngineLauncher.DEFAULT_JIT_OPTIONS,
            "An engine that crashed, runs another build, or runs with other provider settings is replaced by",
            "the next client. omni serve is the same engine in the foreground.",
            ""},
        subcommands = {EngineCommand.Status.class, EngineCommand.Stop.class},
        footer = {"", "Exit status: 0 done, 1 (status) no engine runs, 2 bad arguments, 3 the engine could not be",
            "reached or stopped (the message says why)."})
final class EngineCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: status, stop");
    }

    /** {@code omni engine status}. */
    @Command(name = "status", mixinStandardHelpOptions = true,
            header = "Shows the engine of the data directory.",
            description = {"Shows the engine of the data directory: pid, URL, build, whether it runs in the",
                "background or as omni serve, running jobs, how long it has been idle, its heap.", ""},
            footer = {"", "Exit status: 0 an engine runs, 1 none runs, 2 bad arguments."})
    static final class Status implements Callable<Integer> {

        @CommandLine.Mixin
        DataDirOption dataDir;

        @Option(names = "--json", description = "print the status as JSON")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        private final Map<String, String> environment;

        Status(Map<String, String> environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            DataDirectory directory = dataDir.resolve(environment);
            Optional<EngineClient> engine = new EngineLauncher(directory, environment, spec.commandLine().getErr())
                    .find();
            if (engine.isEmpty()) {
                out.println(json ? "{\"running\":false,\"dataDir\":" + Json.mapper().writeValueAsString(directory.toString())
                        + "}" : "no engine runs for " + directory);
                return 1;
            }
            JsonNode status = engine.get().status(Duration.ofSeconds(10)).body();
            if (json) {
                out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(status));
                return 0;
            }
            out.println("engine for " + status.path("dataDir").asText());
            out.println("  pid       " + status.path("pid").asLong() + " (" + status.path("mode").asText() + ")");
            out.println("  url       " + status.path("url").asText());
            out.println("  build     " + status.path("buildId").asText());
            out.println("  started   " + status.path("startedAt").asText());
            out.println("  running   " + status.path("runningExecutions").asInt() + " executions");
            out.println("  idle      " + status.path("idleSeconds").asLong() + " s"
                    + (status.has("idleTimeoutSeconds") ? " (exits at " + status.path("idleTimeoutSeconds").asLong()
                    + " s)" : " (runs until stopped)"));
            out.println("  warm-up   " + status.path("warmUp").asText());
            out.println("  heap      " + status.path("heapUsedMb").asLong() + " MB used of "
                    + status.path("heapMaxMb").asLong() + " MB");
            return 0;
        }
    }

    /** {@code omni engine stop}. */
    @Command(name = "stop", mixinStandardHelpOptions = true,
            header = "Stops the engine of the data directory.",
            description = {"Stops the engine of the data directory (background, or omni serve): it stops taking",
                "work (503), lets provider calls in flight end within 10 s and exits; jobs not yet aggregated",
                "resume at the engine's next start. Nothing to do when none runs.", ""},
            footer = {"", "Exit status: 0 stopped or none ran, 2 bad arguments, 3 it could not be stopped."})
    static final class Stop implements Callable<Integer> {

        @CommandLine.Mixin
        DataDirOption dataDir;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        private final Map<String, String> environment;

        Stop(Map<String, String> environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            DataDirectory directory = dataDir.resolve(environment);
            if (!java.nio.file.Files.isDirectory(directory.root())) {
                out.println("no engine runs for " + directory);
                return 0;
            }
            EngineLauncher launcher = new EngineLauncher(directory, environment, spec.commandLine().getErr());
            return launcher.underLaunchLock(() -> {
                Optional<EngineClient> engine = launcher.find();
                if (engine.isEmpty()) {
                    out.println("no engine runs for " + directory);
                    return 0;
                }
                long pid = engine.get().engine().pid();
                if (!EngineLauncher.stop(engine.get(), Duration.ofSeconds(60))) {
                    spec.commandLine().getErr().println("omni: the engine (pid " + pid + ") did not stop");
                    return ExitStatus.COULD_NOT_RUN;
                }
                out.println("stopped the engine for " + directory + " (pid " + pid + ")");
                return 0;
            });
        }
    }
}
