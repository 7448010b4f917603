package dev.omniarchitect.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real HTTP server on a loopback port that speaks OpenAI's Chat Completions wire format, with a
 * configurable latency and reply, counting calls and the peak number of calls in flight.
 */
public final class LoopbackOpenAiServer implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private volatile Duration latency = Duration.ZERO;
    private volatile Function<JsonNode, Reply> replies = request -> Reply.answer(defaultAnswer(request));

    private LoopbackOpenAiServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /** Starts a server on a free loopback port. */
    public static LoopbackOpenAiServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
            ExecutorService threads = Executors.newFixedThreadPool(32);
            LoopbackOpenAiServer loopback = new LoopbackOpenAiServer(server, threads);
            server.createContext("/v1/chat/completions", loopback::handle);
            server.setExecutor(threads);
            server.start();
            return loopback;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value for OPENAI_BASE_URL. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Every call waits this long before it answers. */
    public LoopbackOpenAiServer latency(Duration latency) {
        this.latency = latency;
        return this;
    }

    /** How to answer each request body. */
    public LoopbackOpenAiServer replies(Function<JsonNode, Reply> replies) {
        this.replies = replies;
        return this;
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

    /** The user message of a Chat Completions request body. */
    public static String userMessage(JsonNode request) {
        for (JsonNode message : request.path("messages")) {
            if ("user".equals(message.path("role").asText())) {
                return message.path("content").asText();
            }
        }
        return "";
    }

    /** A well-formed answer naming one YAML file, different for every prompt. */
    public static String defaultAnswer(JsonNode request) {
        return "Here is the file.\n\n```yaml path=generated.yaml\nrequest: \"" + Integer.toHexString(
                userMessage(request).hashCode()) + "\"\n```\n";
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        peakInFlight.accumulateAndGet(now, Math::max);
        calls.incrementAndGet();
        try {
            JsonNode body = MAPPER.readTree(exchange.getRequestBody());
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"), body));
            Thread.sleep(latency.toMillis());
            Reply reply = replies.apply(body);
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

    /** A request as the server saw it. */
    public record Received(String method, String path, String authorization, JsonNode body) {
    }

    /** What the server sends back. */
    public record Reply(int status, String body, Map<String, String> headers) {

        /** A 200 Chat Completions response with that message content and a usage block. */
        public static Reply answer(String content) {
            ObjectNode body = MAPPER.createObjectNode()
                    .put("id", "chatcmpl-loopback")
                    .put("object", "chat.completion")
                    .put("created", 1_764_000_000L)
                    .put("model", "loopback-model-2026");
            ObjectNode choice = body.putArray("choices").addObject();
            choice.put("index", 0).put("finish_reason", "stop");
            choice.putObject("message").put("role", "assistant").put("content", content);
            body.putObject("usage").put("prompt_tokens", 120).put("completion_tokens", 80).put("total_tokens", 200);
            return new Reply(200, body.toString(), Map.of());
        }

        /** An OpenAI-style error response. */
        public static Reply error(int status, String message) {
            ObjectNode body = MAPPER.createObjectNode();
            body.putObject("error").put("message", message).put("type", "server_error");
            return new Reply(status, body.toString(), Map.of());
        }
    }
}
