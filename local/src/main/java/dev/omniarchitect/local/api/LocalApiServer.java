package dev.omniarchitect.local.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.omniarchitect.api.Problem;
import dev.omniarchitect.job.JobFileStore;
import dev.omniarchitect.job.Uploads;
import dev.omniarchitect.batch.BatchLimits;
import dev.omniarchitect.local.asl.LambdaFailure;
import dev.omniarchitect.local.asl.LambdaInvoker;
import dev.omniarchitect.local.runtime.LocalFunctions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The API on a loopback port, as API Gateway serves it: each request becomes the HTTP API payload
 * format 2.0 event, ApiFunction is invoked with it as Lambda would invoke it, and its answer becomes
 * the response. API Gateway's own refusals are kept too, as problem documents like every other error of
 * the API: 413 for a body over 10 MB, 500 when the function fails (a Lambda response over 6 MB included).
 */
public final class LocalApiServer implements AutoCloseable {

    static {
        // The JDK server writes a response's headers and body as two segments; with Nagle's algorithm on,
        // the body waits for the client's delayed ACK, 40 ms on every response. Read when the first server
        // of the JVM is made, so it is set before any is.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }


    /** HTTP APIs refuse request bodies above 10 MB before any function runs. */
    static final int MAX_REQUEST_BYTES = 10 * 1024 * 1024;

    private static final int THREADS = 16;
    private static final int WAITING_AT_MOST = 200;
    /** Seconds a client is told to wait when every worker is busy and the queue is full. */
    static final int OVERLOADED_RETRY_AFTER = 1;
    /** Requests the server takes at once: its workers and its queue. */
    static final int CAPACITY = THREADS + WAITING_AT_MOST;
    /**
     * Set on the server's dispatcher thread while it answers a request no worker could take: a quick 503
     * with Retry-After and nothing done, rather than the connection dropped (the JDK server's way).
     */
    private static final ThreadLocal<Boolean> OVERLOADED = ThreadLocal.withInitial(() -> false);

    private final HttpServer server;
    private final ThreadPoolExecutor threads;
    private final LambdaInvoker functions;
    private final ObjectMapper mapper;
    private final List<HttpContext> contexts = new CopyOnWriteArrayList<>();
    private final List<Filter> filters = new CopyOnWriteArrayList<>();
    private final RequestGuard guard;

    private LocalApiServer(HttpServer server, ThreadPoolExecutor threads, LambdaInvoker functions,
                           ObjectMapper mapper, RequestGuard guard) {
        this.server = server;
        this.threads = threads;
        this.functions = functions;
        this.mapper = mapper;
        this.guard = guard;
    }

    /** Serves ApiFunction of those functions on 127.0.0.1 at that port (0: any free port), without a token. */
    public static LocalApiServer start(LambdaInvoker functions, ObjectMapper mapper, int port) {
        return start(functions, mapper, InetAddress.getLoopbackAddress(), port,
                RequestGuard.forBind(InetAddress.getLoopbackAddress(), Optional.empty()));
    }

    /** Serves ApiFunction of those functions on that address and port (0: any free port), behind that guard. */
    public static LocalApiServer start(LambdaInvoker functions, ObjectMapper mapper, InetAddress bind, int port,
                                       RequestGuard guard) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor threads = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(WAITING_AT_MOST), runnable -> {
                    Thread thread = new Thread(runnable, "omni-api-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, (exchange, pool) -> {
                    OVERLOADED.set(true);
                    try {
                        exchange.run();
                    } finally {
                        OVERLOADED.set(false);
                    }
                });
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 100);
            LocalApiServer api = new LocalApiServer(server, threads, functions, mapper, guard);
            HttpContext root = server.createContext("/", api::handle);
            root.getFilters().add(api.overloadFilter());
            api.contexts.add(root);
            server.setExecutor(threads);
            server.start();
            return api;
        } catch (IOException e) {
            threads.shutdownNow();
            throw new UncheckedIOException("cannot listen on " + bind.getHostAddress() + ":" + port + ": "
                    + e.getMessage(), e);
        }
    }

    /** Where the API is, e.g. {@code http://127.0.0.1:3000}. */
    public URI uri() {
        InetAddress bound = server.getAddress().getAddress();
        String host = bound.isLoopbackAddress() || bound.isAnyLocalAddress() ? "127.0.0.1"
                : bound instanceof java.net.Inet6Address ? "[" + bound.getHostAddress() + "]" : bound.getHostAddress();
        return URI.create("http://" + host + ":" + server.getAddress().getPort());
    }

    /** Serves that handler for every path under that prefix too (the local engine's own), behind the same guard. */
    public void route(String prefix, HttpHandler handler) {
        HttpContext context = server.createContext(prefix, exchange -> {
            Optional<RequestGuard.Refusal> refused = guard.check(exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), exchange.getRequestHeaders(), server.getAddress().getPort());
            if (refused.isPresent()) {
                try (exchange) {
                    refused.get().headers().forEach(exchange.getResponseHeaders()::set);
                    sendProblem(exchange, refused.get().problem());
                }
                return;
            }
            handler.handle(exchange);
        });
        context.getFilters().add(overloadFilter());
        context.getFilters().addAll(filters);
        contexts.add(context);
    }

    /** Answers 503 with Retry-After, before any guard or handler, when the request came in over capacity. */
    private Filter overloadFilter() {
        return new Filter() {
            @Override
            public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
                if (!OVERLOADED.get()) {
                    chain.doFilter(exchange);
                    return;
                }
                try (exchange) {
                    exchange.getResponseHeaders().set("Retry-After", Integer.toString(OVERLOADED_RETRY_AFTER));
                    sendProblem(exchange, Problem.of("service-unavailable", "Service unavailable", 503,
                            "the local API has " + THREADS + " requests running and " + WAITING_AT_MOST
                                    + " waiting; nothing was done, retry after " + OVERLOADED_RETRY_AFTER + " s",
                            List.of()));
                }
            }

            @Override
            public String description() {
                return "answers 503 when every worker is busy and the queue is full";
            }
        };
    }

    /** Runs that filter around every request, on every route (the local engine's idle clock). */
    public void filter(Filter filter) {
        filters.add(filter);
        contexts.forEach(context -> context.getFilters().add(filter));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Optional<RequestGuard.Refusal> refused = guard.check(exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), exchange.getRequestHeaders(), server.getAddress().getPort());
            if (refused.isPresent()) {
                refused.get().headers().forEach(exchange.getResponseHeaders()::set);
                sendProblem(exchange, refused.get().problem());
                return;
            }
            byte[] body = readAtMost(exchange.getRequestBody(), MAX_REQUEST_BYTES);
            if (body == null) {
                sendProblem(exchange, Problem.of("payload-too-large", "Payload too large", 413,
                        "the body must be at most " + MAX_REQUEST_BYTES + " bytes (10 MiB), the most API Gateway "
                                + "passes on", "body", "is over " + MAX_REQUEST_BYTES + " bytes; a batch document may "
                                + "be at most " + BatchLimits.MAX_DOCUMENT_SIZE_TEXT));
                return;
            }
            JsonNode response;
            try {
                response = functions.invoke(LocalFunctions.API, HttpApiEvent.of(exchange, body, mapper,
                        guard.identify(exchange.getRequestHeaders())));
            } catch (LambdaFailure failure) {
                sendProblem(exchange, Problem.of("internal-error", "Internal error", 500,
                        "the request could not be completed; try again", List.of()));
                return;
            }
            response.path("headers").fields().forEachRemaining(header ->
                    exchange.getResponseHeaders().set(header.getKey(), header.getValue().asText()));
            String text = response.path("body").asText("");
            byte[] bytes = response.path("isBase64Encoded").asBoolean(false)
                    ? Base64.getDecoder().decode(text) : text.getBytes(StandardCharsets.UTF_8);
            send(exchange, response.path("statusCode").asInt(200), null, bytes);
        }
    }

    /**
     * Takes {@code PUT /v1/uploads/<scope>/<uploadId>} into that store: on this machine, what S3 does at the URLs
     * ApiFunction signs deployed ({@code POST /v1/uploads} hands out these paths), behind the same guard.
     */
    public void uploads(JobFileStore files) {
        route("/v1/" + Uploads.PREFIX, exchange -> {
            try (exchange) {
                upload(exchange, files);
            }
        });
    }

    private void upload(HttpExchange exchange, JobFileStore files) throws IOException {
        String key = exchange.getRequestURI().getPath().substring("/v1/".length());
        if (!exchange.getRequestMethod().equals("PUT")) {
            exchange.getResponseHeaders().set("Allow", "PUT");
            sendProblem(exchange, Problem.of("method-not-allowed", "Method not allowed", 405,
                    "an upload URL takes PUT only", "method", "is " + exchange.getRequestMethod() + "; send PUT"));
            return;
        }
        if (!Uploads.isUploadKey(key)) {
            sendProblem(exchange, Problem.of("not-found", "Not found", 404, "no upload URL " + exchange.getRequestURI()
                    .getPath(), "path", "is not an upload URL; take one from POST /v1/uploads"));
            return;
        }
        byte[] body = readAtMost(exchange.getRequestBody(), Uploads.MAX_BYTES);
        if (body == null) {
            sendProblem(exchange, Problem.of("payload-too-large", "Payload too large", 413,
                    "an uploaded document may be at most " + Uploads.MAX_BYTES + " bytes", "body",
                    "is over " + Uploads.MAX_BYTES + " bytes (" + Uploads.MAX_SIZE_TEXT + ")"));
            return;
        }
        files.put(key, body).join();
        send(exchange, 200, "application/json", mapper.writeValueAsBytes(java.util.Map.of(
                "uploadId", key.substring(key.lastIndexOf('/') + 1), "bytes", body.length)));
    }

    private void sendProblem(HttpExchange exchange, Problem problem) throws IOException {
        send(exchange, problem.status(), "application/problem+json", mapper.writeValueAsBytes(problem));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        byte[] bytes = in.readNBytes(limit + 1);
        return bytes.length > limit ? null : bytes;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
