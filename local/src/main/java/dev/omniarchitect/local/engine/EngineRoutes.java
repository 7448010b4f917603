package dev.omniarchitect.local.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.omniarchitect.batch.BatchDocument;
import dev.omniarchitect.batch.BatchOverrides;
import dev.omniarchitect.batch.CacheMode;
import dev.omniarchitect.batch.DocumentFormat;
import dev.omniarchitect.batch.InvalidBatchException;
import dev.omniarchitect.batch.Violation;
import dev.omniarchitect.job.JobRecord;
import dev.omniarchitect.kind.Kind;
import dev.omniarchitect.json.Json;
import dev.omniarchitect.local.asl.ExecutionResult;
import dev.omniarchitect.local.asl.LambdaFailure;
import dev.omniarchitect.local.runtime.LocalFunctions;
import dev.omniarchitect.local.runtime.LocalPipeline;
import dev.omniarchitect.local.runtime.ProviderCheck;
import dev.omniarchitect.provider.Provider;
import dev.omniarchitect.runtime.FunctionServices;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.CompletionException;

/**
 * The command line's own routes on the engine, under {@code /engine/v1/}: status, stop, a run with the
 * command line's overrides, a job's record as it progresses (waiting for the next change), and one
 * function invocation. The API's guard comes first (a loopback Host, no foreign Origin on a change, the
 * bearer token when the engine has one); then each request must carry {@link #CLIENT_HEADER}, which no
 * web page can send without a CORS preflight this server never grants.
 */
final class EngineRoutes implements HttpHandler {

    static final String PREFIX = "/engine/v1/";
    static final String CLIENT_HEADER = "X-Omni-Client";
    /** A job request waits at most this long for the job to change before it answers. */
    private static final long MAX_WAIT_MILLIS = 5_000;
    /**
     * Items the record of an ended job holds at most in one answer: a larger job's record comes a page at a time
     * ({@code from}), so neither the engine nor the client ever holds every item's files at once.
     */
    public static final int RECORD_PAGE_ITEMS = 500;

    private final Engine engine;
    private final String adminToken;
    private final ObjectMapper mapper = Json.mapper();

    /** @param adminToken OMNI_API_TOKEN when set: these routes see every owner's jobs, so only its holder may use them */
    EngineRoutes(Engine engine, String adminToken) {
        this.engine = engine;
        this.adminToken = adminToken;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (exchange.getRequestHeaders().getFirst(CLIENT_HEADER) == null) {
                send(exchange, 403, message("these routes are for the omni command line only"));
                return;
            }
            if (adminToken != null && !("Bearer " + adminToken).equals(exchange.getRequestHeaders()
                    .getFirst("Authorization"))) {
                send(exchange, 403, message("these routes take OMNI_API_TOKEN, the engine's own token"));
                return;
            }
            String route = exchange.getRequestMethod() + " "
                    + exchange.getRequestURI().getRawPath().substring(PREFIX.length());
            try {
                if (route.equals("GET status")) {
                    send(exchange, 200, status());
                } else if (route.equals("POST stop")) {
                    send(exchange, 202, status());
                    engine.requestStop();
                } else if (route.equals("POST runs")) {
                    run(exchange);
                } else if (route.startsWith("GET jobs/")) {
                    job(exchange, URLDecoder.decode(route.substring("GET jobs/".length()), StandardCharsets.UTF_8));
                } else if (route.equals("POST invoke")) {
                    invoke(exchange);
                } else if (route.equals("POST providers/check")) {
                    checkProviders(exchange);
                } else {
                    send(exchange, 404, message("no such engine route: " + route));
                }
            } catch (IOException | RuntimeException e) {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                send(exchange, 500, message("the engine could not answer: " + cause.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                send(exchange, 503, message("the engine is stopping"));
            }
        }
    }

    private ObjectNode status() {
        EngineInfo info = engine.info();
        ObjectNode status = mapper.createObjectNode()
                .put("pid", info.pid())
                .put("url", info.uri().toString())
                .put("mode", info.mode())
                .put("buildId", info.buildId())
                .put("dataDir", engine.settings().dataDirectory().toString())
                .put("startedAt", engine.startedAt().toString())
                .put("runningExecutions", engine.pipeline().runningExecutions())
                .put("idleSeconds", engine.idleSeconds())
                .put("warmUp", engine.warmUpState());
        if (engine.settings().idleTimeout() != null) {
            status.put("idleTimeoutSeconds", engine.settings().idleTimeout().toSeconds());
        }
        Runtime runtime = Runtime.getRuntime();
        status.put("heapUsedMb", (runtime.totalMemory() - runtime.freeMemory()) >> 20)
                .put("heapMaxMb", runtime.maxMemory() >> 20);
        return status;
    }

    /**
     * Body {@code {document, format?, provider?, cache?, concurrency?}} (format {@code json}, the default, or
     * {@code jsonl}): 202 {@code {jobId, total, warnings}} or 400 with the
     * violations.
     */
    private void run(HttpExchange exchange) throws IOException {
        JsonNode request = mapper.readTree(exchange.getRequestBody());
        LocalPipeline pipeline = engine.pipeline();
        String provider = request.path("provider").isTextual() ? request.path("provider").asText() : null;
        CacheMode cache = request.path("cache").isTextual() ? CacheMode.valueOf(request.path("cache").asText()) : null;
        Optional<DocumentFormat> format = request.has("format") ? DocumentFormat.named(request.path("format").asText())
                : Optional.of(DocumentFormat.JSON);
        if (format.isEmpty()) {
            send(exchange, 400, message("format must be json or jsonl"));
            return;
        }
        BatchDocument batch;
        try {
            batch = pipeline.services().batchParser().parse(request.path("document").asText(), format.get(),
                    new BatchOverrides(provider, cache));
        } catch (InvalidBatchException e) {
            ObjectNode refusal = message("not a valid batch document");
            ArrayNode violations = refusal.putArray("violations");
            for (Violation violation : e.violations()) {
                violations.addObject().put("field", violation.field()).put("message", violation.message());
            }
            send(exchange, 400, refusal);
            return;
        }
        String jobId;
        try {
            jobId = pipeline.submit(batch, request.path("concurrency").asInt(engine.settings().concurrency()));
        } catch (RuntimeException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            // Full or stopping (ExecutionRefusedException) or the jobs table too busy: the client tries again.
            exchange.getResponseHeaders().set("Retry-After", "1");
            send(exchange, 503, message("the engine cannot take the job now: " + cause.getMessage()));
            return;
        }
        engine.changes().submitted(jobId);
        pipeline.execution(jobId).ifPresent(execution -> execution.whenComplete((ended, error) ->
                engine.changes().ended(jobId)));
        ObjectNode accepted = mapper.createObjectNode().put("jobId", jobId).put("total", batch.items().size());
        ArrayNode warnings = accepted.putArray("warnings");
        IgnoredModels.warning(batch).ifPresent(warnings::add);
        send(exchange, 202, accepted);
    }

    /**
     * {@code ?seen=V&waitMs=M&settleMs=S}: answers at once when the job ends within S ms; otherwise waits up to M ms
     * more for a change after version V. Answers {@code {version, record, page, execution}} (execution is null when
     * this engine did not start the job; the record holds at most {@link #RECORD_PAGE_ITEMS} items, from {@code
     * ?from=F}, and {@code page} says {@code {from, total}}), or, while it runs, its counts. A client that shows progress only so often
     * asks for S: a short job is then one answer, not one per item.
     */
    private void job(HttpExchange exchange, String jobId) throws IOException, InterruptedException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        long seen = Long.parseLong(query.getOrDefault("seen", "-1"));
        long waitMillis = Math.min(MAX_WAIT_MILLIS, Long.parseLong(query.getOrDefault("waitMs", "0")));
        long settleMillis = Math.min(MAX_WAIT_MILLIS, Long.parseLong(query.getOrDefault("settleMs", "0")));
        Optional<CompletableFuture<ExecutionResult>> execution = engine.pipeline().execution(jobId);
        if (settleMillis > 0 && execution.isPresent()) {
            try {
                execution.get().get(settleMillis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException stillRunningOrFailed) {
                // Still running: the counts below; failed: the record and the execution's error below.
            }
        }
        long version = execution.filter(CompletableFuture::isDone).isPresent() ? Long.MAX_VALUE
                : engine.changes().awaitAfter(seen, waitMillis);
        // Whether the execution had ended is taken before the record is read: a record read just before the
        // end must not be sent as the final one.
        boolean endedBeforeRead = execution.filter(CompletableFuture::isDone).isPresent();
        Optional<JobChanges.Counts> running = endedBeforeRead || execution.isEmpty() ? Optional.empty()
                : engine.changes().counts(jobId);
        if (running.isPresent()) {
            // Running, and counted in memory: the record is read once, when the job has ended.
            ObjectNode answer = mapper.createObjectNode().put("version", version);
            answer.putObject("progress").put("done", running.get().done()).put("failed", running.get().failed())
                    .put("cached", running.get().cached());
            answer.putObject("execution").put("status", "RUNNING");
            send(exchange, 200, answer);
            return;
        }
        int from = Math.max(0, Integer.parseInt(query.getOrDefault("from", "0")));
        Optional<JobRecord> record = engine.pipeline().readPage(jobId, from, RECORD_PAGE_ITEMS).join();
        if (record.isEmpty()) {
            send(exchange, 404, message("no job " + jobId));
            return;
        }
        ObjectNode answer = mapper.createObjectNode().put("version", version);
        answer.set("record", mapper.valueToTree(record.get()));
        answer.putObject("page").put("from", Math.min(from, record.get().progress().total()))
                .put("total", record.get().progress().total());
        if (execution.isPresent()) {
            ObjectNode state = answer.putObject("execution");
            CompletableFuture<ExecutionResult> future = execution.get();
            if (!endedBeforeRead) {
                state.put("status", "RUNNING");
            } else {
                ExecutionResult ended = future.join();
                state.put("status", ended.status().name()).put("error", ended.error()).put("cause", ended.cause());
            }
        } else {
            answer.putNull("execution");
        }
        send(exchange, 200, answer);
    }

    /**
     * Body {@code {function, event}}: the function's answer or its error as Lambda reports it, and how
     * each execution it started ended (they run before the answer, as {@code omni invoke} promises).
     */
    private void invoke(HttpExchange exchange) throws IOException {
        JsonNode request = mapper.readTree(exchange.getRequestBody());
        String function = request.path("function").asText();
        if (!LocalFunctions.NAMES.contains(function)) {
            send(exchange, 400, message("unknown function " + function));
            return;
        }
        LocalPipeline pipeline = engine.pipeline();
        Set<String> before = new HashSet<>(pipeline.executionNames());
        ObjectNode answer = mapper.createObjectNode();
        try {
            answer.set("result", pipeline.functions().invoke(function, request.path("event")));
        } catch (LambdaFailure failure) {
            answer.putObject("failure").put("errorType", failure.errorType()).put("errorMessage", failure.errorMessage());
        }
        Map<String, String> ended = new TreeMap<>();
        for (String name : pipeline.executionNames()) {
            if (!before.contains(name)) {
                pipeline.execution(name).ifPresent(execution -> ended.put(name, execution.join().status().name()));
            }
        }
        answer.set("executions", mapper.valueToTree(ended));
        send(exchange, 200, answer);
    }

    /**
     * {@code {answers: {provider: "yes" | "no: CODE"}}}: each provider asked for one token under its shared limit,
     * so a check waits its turn with the engine's jobs and never adds a call above the limit.
     */
    private void checkProviders(HttpExchange exchange) throws IOException {
        FunctionServices services = engine.pipeline().services();
        Kind kind = services.kinds().get("dockerfile");
        Map<String, CompletableFuture<String>> checks = new LinkedHashMap<>();
        for (Provider provider : services.providers().all()) {
            checks.put(provider.name(), ProviderCheck.of(provider, kind, services.limiter(), services.clock()));
        }
        ObjectNode answers = mapper.createObjectNode();
        checks.forEach((name, check) -> answers.put(name, check.join()));
        ObjectNode answer = mapper.createObjectNode();
        answer.set("answers", answers);
        send(exchange, 200, answer);
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new TreeMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    query.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    private ObjectNode message(String text) {
        return mapper.createObjectNode().put("message", text);
    }

    private void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
