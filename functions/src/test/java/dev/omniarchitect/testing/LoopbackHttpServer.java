package dev.omniarchitect.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real HTTP server on a loopback port that answers JSON POSTs under one path as a provider would,
 * with a configurable latency and reply, counting calls and the peak number in flight.
 */
public final class LoopbackHttpServer implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        // Without TCP_NODELAY the JDK server's two-segment replies wait 40 ms for the client's delayed ACK.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private volatile Duration latency = Duration.ZERO;
    private volatile Function<Received, Reply> replies;

    private LoopbackHttpServer(HttpServer server, ExecutorService threads, Function<Received, Reply> replies) {
        this.server = server;
        this.threads = threads;
        this.replies = replies;
    }

    /** Starts a server on a free loopback port answering requests under that path prefix. */
    public static LoopbackHttpServer start(String pathPrefix, Function<Received, Reply> replies) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
            ExecutorService threads = Executors.newFixedThreadPool(32);
            LoopbackHttpServer loopback = new LoopbackHttpServer(server, threads, replies);
            server.createContext(pathPrefix, loopback::handle);
            server.setExecutor(threads);
            server.start();
            return loopback;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every call waits this long before it answers. */
    public void latency(Duration latency) {
        this.latency = latency;
    }

    /** How to answer each request. */
    public void replies(Function<Received, Reply> replies) {
        this.replies = replies;
    }

    public int calls() {
        return calls.get();
    }

    public int peakInFlight() {
        return peakInFlight.get();
    }

    /** Every request received so far. */
    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Forgets the counts and requests, keeps latency and replies. */
    public void resetCounts() {
        calls.set(0);
        peakInFlight.set(0);
        received.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        peakInFlight.accumulateAndGet(now, Math::max);
        calls.incrementAndGet();
        try {
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
            byte[] raw = exchange.getRequestBody().readAllBytes();
            Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(headers), raw.length == 0 ? MAPPER.nullNode() : MAPPER.readTree(raw));
            received.add(request);
            Thread.sleep(latency.toMillis());
            Reply reply = replies.apply(request);
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    /**
     * A request as the server saw it.
     *
     * @param headers  first value of each header, names lower-cased
     */
    public record Received(String method, String path, Map<String, String> headers, JsonNode body) {
    }

    /** What the server sends back. */
    public record Reply(int status, String body, Map<String, String> headers) {

        /** A reply with that status and JSON body. */
        public static Reply json(int status, String body) {
            return new Reply(status, body, Map.of());
        }

        /** The same reply with one more header. */
        public Reply withHeader(String name, String value) {
            Map<String, String> all = new HashMap<>(headers);
            all.put(name, value);
            return new Reply(status, body, Map.copyOf(all));
        }
    }
}
