package dev.omniarchitect.local.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.omniarchitect.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bench's AI provider: a loopback HTTP server speaking OpenAI's Chat Completions format that answers
 * every call after exactly the configured latency. Replies are scheduled rather than slept, so a
 * hundred calls waiting cost no threads and the latency stays what it says under load. Given a capacity,
 * it refuses at once, with 429 and a Retry-After, every call that arrives while that many are in flight.
 */
public final class LoopbackChatServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService readers;
    private final ScheduledExecutorService replies;
    private final ObjectMapper mapper = Json.mapper();
    private volatile KindAnswers answers;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    private final AtomicInteger throttled = new AtomicInteger();
    private volatile Duration latency;
    /** Calls in flight above which a call is refused; 0 for no limit. */
    private volatile int capacity;
    private volatile String retryAfterSeconds = "1";

    private LoopbackChatServer(Duration latency) {
        this.latency = latency;
        this.readers = Executors.newFixedThreadPool(4, LoopbackHttpServer.daemonThreads("bench-provider"));
        this.replies = Executors.newSingleThreadScheduledExecutor(
                LoopbackHttpServer.daemonThreads("bench-provider-reply"));
        this.server = LoopbackHttpServer.start("the loopback provider", "/v1/chat/completions", this::accept, readers);
    }

    /** Starts a server on a free loopback port; it can answer once it has its {@link #answers}. */
    public static LoopbackChatServer start(Duration latency) {
        return new LoopbackChatServer(latency);
    }

    /** The value for OPENAI_BASE_URL. */
    public String baseUrl() {
        return LoopbackHttpServer.origin(server) + "/v1";
    }

    /** Every later call answers after this long. */
    public void latency(Duration latency) {
        this.latency = latency;
    }

    public Duration latency() {
        return latency;
    }

    /** What later calls are answered with, by the kind their system prompt is of. */
    void answers(KindAnswers answers) {
        this.answers = answers;
    }

    /** The kinds it has answers for. */
    List<String> kinds() {
        return answers.kinds();
    }

    /** Calls received since the last {@link #resetCounts()}. */
    public int calls() {
        return calls.get();
    }

    /** The most calls waiting for their reply at one moment since the last {@link #resetCounts()}. */
    public int peakInFlight() {
        return peakInFlight.get();
    }

    public void resetCounts() {
        calls.set(0);
        peakInFlight.set(0);
        throttled.set(0);
    }

    /**
     * From now on, a call arriving while {@code maxInFlight} are in flight is answered 429 with that
     * Retry-After (seconds) at once, as a provider with a concurrency limit does; 0 takes every call.
     */
    public void capacity(int maxInFlight, String retryAfter) {
        this.capacity = maxInFlight;
        this.retryAfterSeconds = retryAfter;
    }

    /** Calls answered 429 since the last {@link #resetCounts()}. */
    public int throttled() {
        return throttled.get();
    }

    private void accept(HttpExchange exchange) throws IOException {
        JsonNode request;
        try (InputStream body = exchange.getRequestBody()) {
            request = mapper.readTree(body);
        }
        calls.incrementAndGet();
        int now = inFlight.incrementAndGet();
        peakInFlight.accumulateAndGet(now, Math::max);
        int limit = capacity;
        if (limit > 0 && now > limit) {
            throttled.incrementAndGet();
            inFlight.decrementAndGet();
            refuse(exchange);
            return;
        }
        int promptChars = 0;
        String systemPrompt = "";
        for (JsonNode message : request.path("messages")) {
            promptChars += message.path("content").asText().length();
            if (message.path("role").asText().equals("system")) {
                systemPrompt = message.path("content").asText();
            }
        }
        String answer = answers.answerFor(systemPrompt);
        Completion completion = new Completion("chatcmpl-bench", "chat.completion", 1_764_000_000L,
                request.path("model").asText("bench-model"),
                List.of(new Choice(0, new Message("assistant", answer), "stop")),
                new TokenUsage(TokenEstimate.of(promptChars), TokenEstimate.of(answer.length())));
        byte[] reply = mapper.writeValueAsBytes(completion);
        replies.schedule(() -> send(exchange, reply), latency.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void send(HttpExchange exchange, byte[] reply) {
        inFlight.decrementAndGet();
        try (OutputStream out = exchange.getResponseBody()) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, reply.length);
            out.write(reply);
        } catch (IOException e) {
            // The caller gave up (its deadline passed); nothing is waiting for this reply any more.
        } finally {
            exchange.close();
        }
    }

    private void refuse(HttpExchange exchange) throws IOException {
        byte[] body = mapper.writeValueAsBytes(java.util.Map.of("error", java.util.Map.of("type", "rate_limit_error",
                "code", "rate_limit_exceeded", "message", "too many requests in flight")));
        try (OutputStream out = exchange.getResponseBody()) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Retry-After", retryAfterSeconds);
            exchange.sendResponseHeaders(429, body.length);
            out.write(body);
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        replies.shutdownNow();
        readers.shutdownNow();
    }

    private record Completion(String id, String object, long created, String model, List<Choice> choices,
                              TokenUsage usage) {
    }

    private record Choice(int index, Message message, @JsonProperty("finish_reason") String finishReason) {
    }

    private record Message(String role, String content) {
    }

    private record TokenUsage(@JsonProperty("prompt_tokens") long promptTokens,
                              @JsonProperty("completion_tokens") long completionTokens) {

        @JsonProperty("total_tokens")
        long totalTokens() {
            return promptTokens + completionTokens;
        }
    }
}
