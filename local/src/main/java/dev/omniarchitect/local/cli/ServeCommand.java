package dev.omniarchitect.local.cli;

import dev.omniarchitect.api.GenerationsApi;
import dev.omniarchitect.api.RouteKey;
import dev.omniarchitect.local.api.RequestGuard;
import dev.omniarchitect.local.engine.DataDirectory;
import dev.omniarchitect.local.engine.Engine;
import dev.omniarchitect.local.engine.EngineClient;
import dev.omniarchitect.local.engine.EngineException;
import dev.omniarchitect.local.engine.EngineInfo;
import dev.omniarchitect.local.engine.EngineLauncher;
import dev.omniarchitect.local.engine.EngineSettings;
import dev.omniarchitect.local.runtime.EngineRecovery;
import dev.omniarchitect.local.runtime.ExecutionLimit;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code omni serve}: the HTTP API on localhost, each request handed to the real ApiFunction handler. */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        header = "Serves the HTTP API on a loopback port, as API Gateway serves it when deployed.",
        description = {
            "Serves the HTTP API on http://127.0.0.1:PORT as API Gateway serves it when deployed: each request",
            "becomes the same HTTP API (payload format 2.0) event and goes to the real ApiFunction handler;",
            "executions run on the real state machine definition through the local executor; DynamoDB Local",
            "keeps jobs and the cache in the data directory (--data-dir, else OMNI_DATA_DIR, else ~/.omni).",
            "The functions' JSON logs go to DIR/logs/omni.log.",
            "",
            "This is the local engine in the foreground: while it runs, omni run and omni invoke on the same",
            "data directory use it. A background engine already serving the directory is stopped first (its",
            "running jobs drain); a second omni serve on the same directory is refused.",
            "",
            "It listens on 127.0.0.1 and answers only requests whose Host is localhost, 127.0.0.1 or [::1]",
            "with its port; POST, PUT, PATCH and DELETE from a web page of another Origin are refused (403).",
            "With OMNI_API_TOKEN set, every request must send 'Authorization: Bearer <token>' (401 without);",
            "--bind to any other address requires it. Each token is an owner who sees only its own jobs;",
            "OMNI_API_TOKEN's holder may also delete and purge cache entries, OMNI_API_USER_TOKENS",
            "(comma-separated) admits more callers without that right.",
            "",
            "Jobs survive a crash: on start it resumes every job not yet aggregated (items that ended keep",
            "their results). OMNI_MAX_EXECUTIONS (1 to 256, default 16) executions run at once; a job",
            "submitted beyond that gets 429 with Retry-After and nothing is stored. On SIGTERM, Ctrl-C or",
            "omni engine stop it refuses new jobs (503), lets provider calls in flight end within 10 s, and",
            "leaves the rest for the next start.",
            "",
            "Routes: POST /v1/generations, GET /v1/generations (your recent jobs), GET /v1/generations/{jobId},",
            "GET /v1/generations/{jobId}/bundle, GET /v1/generations/{jobId}/document,",
            "GET /v1/generations/{jobId}/files/{itemId}/{path}, GET /v1/cache/stats, DELETE /v1/cache/{key},",
            "POST /v1/cache/purge, GET /v1/providers, GET /v1/kinds; the web console on GET / (its files under",
            "/console/).",
            "",
            "Runs until interrupted (Ctrl-C) or omni engine stop.",
            ""},
        footer = {"", "Exit status: 0 stopped, 2 bad arguments, 3 the server could not start (the message says why)."})
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "3000",
            description = "the port, 1 to 65535, or 0 for any free one (default: ${DEFAULT-VALUE})")
    int port;

    @CommandLine.Mixin
    ConcurrencyOption concurrency;

    @CommandLine.Mixin
    DataDirOption dataDir;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "the address to listen on (default: ${DEFAULT-VALUE}); any non-loopback address "
                    + "requires OMNI_API_TOKEN")
    String bind;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Map<String, String> environment;

    ServeCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws IOException {
        if (port < 0 || port > 65_535) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--port must be a whole number from 0 to 65535, got " + port);
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
            // Checked here, as bad arguments, before the engine (which applies them) starts.
            RequestGuard.fromEnvironment(address, environment);
            ExecutionLimit.from(environment);
        } catch (UnknownHostException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--bind: unknown address " + bind);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DataDirectory directory = dataDir.resolve(environment);
        EngineLauncher launcher = new EngineLauncher(directory, environment, err);
        Engine engine = launcher.underLaunchLock(() -> {
            Optional<EngineClient> running = launcher.find();
            if (running.isPresent()) {
                EngineInfo owner = running.get().engine();
                if (EngineInfo.FOREGROUND.equals(owner.mode())) {
                    throw new EngineException("omni serve already runs for " + directory + " on " + owner.uri()
                            + " (pid " + owner.pid() + ")");
                }
                err.println("omni: stopping the background engine (pid " + owner.pid() + ") so that this one serves "
                        + directory + "; its unfinished jobs resume here");
                err.flush();
                EngineLauncher.stop(running.get(), Duration.ofSeconds(60));
            }
            return Engine.start(new EngineSettings(directory, environment, address, port, concurrency.value(), null,
                    EngineInfo.FOREGROUND));
        });
        CountDownLatch stopped = new CountDownLatch(1);
        // Ctrl-C: the hook asks the engine to stop and lets the serving thread close it cleanly.
        Thread hook = new Thread(() -> {
            engine.requestStop();
            try {
                stopped.await(EngineRecovery.DRAIN_BOUND.plusSeconds(30).toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "omni-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            // Printed when the scan for them has ended, after the lines below if it takes longer.
            engine.resumed().thenAccept(resumed -> {
                if (!resumed.isEmpty()) {
                    out.println("Resumed " + resumed.size() + " unfinished job(s): " + String.join(", ", resumed));
                    out.flush();
                }
            });
            out.println("Omni Architect API on " + engine.uri() + " (Ctrl-C or omni engine stop ends it)");
            out.println("Web console on " + engine.uri() + "/");
            for (RouteKey route : GenerationsApi.ROUTES) {
                out.println("  " + route.method() + " " + engine.uri() + route.path());
            }
            out.println("State in " + directory + ", logs in " + directory.functionsLog());
            out.flush();
            engine.awaitStopRequest();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                engine.close();
            } finally {
                // Even when closing failed: a hook left behind would hold the JVM's exit for its whole wait.
                stopped.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // The hook is running: it is what stopped us.
                }
            }
        }
        return ExitStatus.OK;
    }
}
