package dev.omniarchitect.local.cli;

import dev.omniarchitect.api.GenerationsApi;
import dev.omniarchitect.api.RouteKey;
import dev.omniarchitect.local.api.LocalApiServer;
import dev.omniarchitect.local.api.RequestGuard;
import dev.omniarchitect.local.runtime.EngineRecovery;
import dev.omniarchitect.local.runtime.ExecutionLimit;
import dev.omniarchitect.local.runtime.LocalPipeline;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
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
            "keeps jobs and the cache under .omni/ (or OMNI_DATA_DIR). The functions' JSON logs go to",
            ".omni/logs/omni.log.",
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
            "submitted beyond that gets 429 with Retry-After and nothing is stored. On SIGTERM or Ctrl-C it",
            "refuses new jobs (503), lets provider calls in flight end within 10 s, and leaves the rest for",
            "the next start.",
            "",
            "Routes: POST /v1/generations, GET /v1/generations/{jobId}, GET /v1/generations/{jobId}/bundle,",
            "GET /v1/generations/{jobId}/files/{itemId}/{path}, GET /v1/cache/stats, DELETE /v1/cache/{key},",
            "POST /v1/cache/purge, GET /v1/providers.",
            "",
            "Runs until interrupted (Ctrl-C).",
            ""},
        footer = {"", "Exit status: 0 stopped, 2 bad arguments, 3 the server could not start (the message says why)."})
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "3000",
            description = "the port, 1 to 65535, or 0 for any free one (default: ${DEFAULT-VALUE})")
    int port;

    @CommandLine.Mixin
    ConcurrencyOption concurrency;

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
        RequestGuard guard;
        InetAddress address;
        int executions;
        try {
            address = InetAddress.getByName(bind);
            guard = RequestGuard.fromEnvironment(address, environment);
            executions = ExecutionLimit.from(environment);
        } catch (UnknownHostException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--bind: unknown address " + bind);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        LocalState state = new LocalState(environment);
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        // Ctrl-C: the hook asks the serving thread to stop and lets it close DynamoDB Local cleanly.
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(EngineRecovery.DRAIN_BOUND.plusSeconds(20).toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "omni-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (PrintStream logs = state.openLog();
             LocalPipeline pipeline = state.pipeline(logs).maxConcurrency(concurrency.value()).maxExecutions(executions)
                     .build()) {
            // Before the API opens, so a job being submitted is never taken for one to resume.
            List<String> resumed = pipeline.recovery().resumeAll();
            try (LocalApiServer server = LocalApiServer.start(pipeline.functions(), pipeline.services().mapper(),
                    address, port, guard)) {
                if (!resumed.isEmpty()) {
                    out.println("Resumed " + resumed.size() + " unfinished job(s): " + String.join(", ", resumed));
                }
                out.println("Omni Architect API on " + server.uri() + " (Ctrl-C stops it)");
                for (RouteKey route : GenerationsApi.ROUTES) {
                    out.println("  " + route.method() + " " + server.uri() + route.path());
                }
                out.println("State in " + state.dataDirectory() + ", logs in " + state.logFile());
                out.flush();
                try {
                    stop.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                // Told to stop: the API keeps answering while in-flight calls end, then everything closes.
                boolean interrupted = Thread.interrupted();
                pipeline.recovery().drain(EngineRecovery.DRAIN_BOUND);
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: it is what stopped us.
            }
        }
        return ExitStatus.OK;
    }
}
