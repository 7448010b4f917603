package dev.omniarchitect.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A loopback server that speaks OpenAI's Chat Completions wire format, with a configurable latency and
 * reply, counting calls and the peak number of calls in flight.
 */
public final class LoopbackOpenAiServer implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final LoopbackHttpServer server;

    private LoopbackOpenAiServer(LoopbackHttpServer server) {
        this.server = server;
    }

    /** Starts a server on a free loopback port that answers every prompt with {@link #defaultAnswer}. */
    public static LoopbackOpenAiServer start() {
        LoopbackOpenAiServer server = new LoopbackOpenAiServer(LoopbackHttpServer.start("/v1/chat/completions",
                request -> LoopbackHttpServer.Reply.json(500, "{}")));
        server.replies(request -> Reply.answer(defaultAnswer(request)));
        return server;
    }

    /** The value for OPENAI_BASE_URL. */
    public String baseUrl() {
        return server.origin() + "/v1";
    }

    /** Every call waits this long before it answers. */
    public LoopbackOpenAiServer latency(Duration latency) {
        server.latency(latency);
        return this;
    }

    /**
     * Holds every request until the gate opens (a minute at most), then answers it as {@link #defaultAnswer}
     * does: the provider's calls stay in flight for as long as a test needs to look at them.
     */
    public LoopbackOpenAiServer heldUntil(CountDownLatch gate) {
        return replies(request -> {
            try {
                gate.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Reply.answer(defaultAnswer(request));
        });
    }

    /** How to answer each request body. */
    public LoopbackOpenAiServer replies(Function<JsonNode, Reply> replies) {
        server.replies(request -> {
            Reply reply = replies.apply(request.body());
            return new LoopbackHttpServer.Reply(reply.status(), reply.body(), reply.headers());
        });
        return this;
    }

    public int calls() {
        return server.calls();
    }

    public int peakInFlight() {
        return server.peakInFlight();
    }

    /** Every request received so far. */
    public List<Received> received() {
        return server.received().stream()
                .map(request -> new Received(request.method(), request.path(),
                        request.headers().get("authorization"), request.body()))
                .toList();
    }

    /** Forgets the counts and requests, keeps latency and replies. */
    public void resetCounts() {
        server.resetCounts();
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

    /** A well-formed answer: one valid Prometheus rule file, different for every prompt. */
    public static String defaultAnswer(JsonNode request) {
        return "Here is the file.\n\n```yaml path=generated.yaml\n" + rules(Integer.toHexString(
                userMessage(request).hashCode())) + "```\n";
    }

    /** A valid Prometheus rule file whose alert carries that label value. */
    public static String rules(String request) {
        return """
                groups:
                  - name: generated.alerts
                    rules:
                      - alert: TargetDown
                        expr: up{job="web"} == 0
                        for: 5m
                        labels:
                          severity: critical
                          request: "%s"
                        annotations:
                          summary: "{{ $labels.job }} is down"
                          description: "{{ $labels.instance }} has not been scraped for 5 minutes."
                """.formatted(request);
    }

    @Override
    public void close() {
        server.close();
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
