package dev.omniarchitect.local.cli;

import dev.omniarchitect.api.GenerationsApi;
import dev.omniarchitect.api.RouteKey;
import dev.omniarchitect.local.api.LocalApiServer;
import dev.omniarchitect.local.runtime.LocalPipeline;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code omni serve}: the HTTP API on localhost, each request handed to the real ApiFunction handler. */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        header = "Serves the HTTP API on a loopback port, as API Gateway serves it when deployed.",
        description = {
            "Serves the HTTP API on http://127.0.0.1:PORT as API Gateway serves it when deployed: each request",
            "becomes the same HTTP API (payload format 2.0) event and goes to the real ApiFunction handler;",
            "executions run on the real state machine definition through the local executor; DynamoDB Local",
            "keeps jobs and the cache under .omni/ (or OMNI_DATA_DIR). There is no authentication: it listens",
            "on the loopback interface only. The functions' JSON logs go to .omni/logs/omni.log.",
            "",
            "Routes: POST /v1/generations, GET /v1/generations (your recent jobs), GET /v1/generations/{jobId},",
            "GET /v1/generations/{jobId}/bundle, GET /v1/generations/{jobId}/document,",
            "GET /v1/generations/{jobId}/files/{itemId}/{path}, GET /v1/cache/stats, DELETE /v1/cache/{key},",
            "POST /v1/cache/purge, GET /v1/providers, GET /v1/kinds; the web console on GET / (its files under",
            "/console/).",
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
        PrintWriter out = spec.commandLine().getOut();
        LocalState state = new LocalState(environment);
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        // Ctrl-C: the hook asks the serving thread to stop and lets it close DynamoDB Local cleanly.
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "omni-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (PrintStream logs = state.openLog();
             LocalPipeline pipeline = state.pipeline(logs).maxConcurrency(concurrency.value()).build();
             LocalApiServer server = LocalApiServer.start(pipeline.functions(), pipeline.services().mapper(), port)) {
            out.println("Omni Architect API on " + server.uri() + " (Ctrl-C stops it)");
            out.println("Web console on " + server.uri() + "/");
            for (RouteKey route : GenerationsApi.ROUTES) {
                out.println("  " + route.method() + " " + server.uri() + route.path());
            }
            out.println("State in " + state.dataDirectory() + ", logs in " + state.logFile());
            out.flush();
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
