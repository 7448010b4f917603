package dev.omniarchitect.provider.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.http.AsyncHttp;
import dev.omniarchitect.json.Json;
import dev.omniarchitect.provider.ErrorCode;
import dev.omniarchitect.provider.ProviderAnswer;
import dev.omniarchitect.provider.ProviderException;
import dev.omniarchitect.provider.Usage;
import dev.omniarchitect.runtime.AwsClients;
import dev.omniarchitect.testing.LoopbackHttpServer;
import dev.omniarchitect.testing.LoopbackHttpServer.Reply;
import dev.omniarchitect.testing.ProviderCalls;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;

/** The Messages API over the real Netty client against a loopback server speaking Anthropic's wire format. */
class AnthropicProviderTest {

    static final String ANSWER = """
            {"id": "msg_01", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5-20250929",
             "content": [{"type": "text", "text": "```dockerfile\\nFROM eclipse-temurin:21-jre\\n```"}],
             "stop_reason": "end_turn", "stop_sequence": null,
             "usage": {"input_tokens": 321, "output_tokens": 54}}""";

    private static SdkAsyncHttpClient netty;
    private static LoopbackHttpServer server;

    @BeforeAll
    static void start() {
        netty = AwsClients.nettyClient();
        server = LoopbackHttpServer.start("/v1/messages", request -> Reply.json(200, ANSWER));
    }

    @AfterAll
    static void stop() {
        server.close();
        netty.close();
    }

    private AnthropicProvider provider(String key) {
        Map<String, String> env = key == null ? Map.of("ANTHROPIC_BASE_URL", server.origin())
                : Map.of("ANTHROPIC_BASE_URL", server.origin(), "ANTHROPIC_API_KEY", key);
        return new AnthropicProvider(AnthropicSettings.fromEnvironment(env), new AsyncHttp(netty, 1 << 20, dev.omniarchitect.runtime.CompletionThreads.create()),
                Json.mapper(), Clock.systemUTC());
    }

    @Test
    void sendsAMessagesRequestAndReadsTextUsageAndModel() {
        server.resetCounts();
        server.replies(request -> Reply.json(200, ANSWER));

        ProviderAnswer answer = provider("sk-ant-test-key").generate(ProviderCalls.dockerfile("claude-sonnet-4-5")).join();

        assertEquals("```dockerfile\nFROM eclipse-temurin:21-jre\n```", answer.text());
        assertEquals(new Usage(321, 54), answer.usage());
        assertEquals("claude-sonnet-4-5-20250929", answer.model());
        LoopbackHttpServer.Received received = server.received().get(0);
        assertEquals("POST", received.method());
        assertEquals("/v1/messages", received.path());
        assertEquals("sk-ant-test-key", received.headers().get("x-api-key"));
        assertEquals("2023-06-01", received.headers().get("anthropic-version"));
        JsonNode body = received.body();
        assertEquals("claude-sonnet-4-5", body.path("model").asText());
        assertEquals(1000, body.path("max_tokens").asInt());
        assertTrue(body.path("system").asText().contains("Dockerfile"));
        assertEquals("user", body.path("messages").path(0).path("role").asText());
        assertEquals("build a Dockerfile", body.path("messages").path(0).path("content").asText());
    }

    @Test
    void errorsMapToStableCodesAndOverloadIsRetryable() {
        assertFailure(401, "authentication_error", ErrorCode.PROVIDER_AUTH, false);
        assertFailure(404, "not_found_error", ErrorCode.MODEL_NOT_FOUND, false);
        assertFailure(400, "invalid_request_error", ErrorCode.PROVIDER_BAD_REQUEST, false);
        assertFailure(429, "rate_limit_error", ErrorCode.PROVIDER_RATE_LIMITED, true);
        assertFailure(529, "overloaded_error", ErrorCode.PROVIDER_UNAVAILABLE, true);
    }

    @Test
    void aRateLimitCarriesTheRetryAfterWait() {
        server.replies(request -> error(429, "rate_limit_error").withHeader("retry-after", "7"));
        ProviderException failure = ProviderCalls.failure(provider("k"), ProviderCalls.dockerfile("m"));
        assertEquals(Duration.ofSeconds(7), failure.retryAfter().orElseThrow());
    }

    @Test
    void truncatedAndEmptyAnswersArePROVIDER_BAD_RESPONSE() {
        assertBad(ANSWER.replace("end_turn", "max_tokens"), "cut off");
        assertBad("{\"content\": [], \"stop_reason\": \"end_turn\"}", "no text");
        assertBad("{\"id\": \"x\"}", "no content");
        assertBad("not json", "not JSON");
    }

    @Test
    void isConfiguredOnlyWithAKey() {
        assertFalse(provider(null).isConfigured());
        assertTrue(provider("k").isConfigured());
    }

    private void assertFailure(int status, String type, ErrorCode code, boolean retryable) {
        server.replies(request -> error(status, type));
        ProviderException failure = ProviderCalls.failure(provider("k"), ProviderCalls.dockerfile("m"));
        assertEquals(code, failure.code(), "HTTP " + status);
        assertEquals(retryable, failure.retryable(), "HTTP " + status);
        assertTrue(failure.getMessage().contains("HTTP " + status + " (" + type + ")"), failure.getMessage());
        assertFalse(failure.getMessage().contains("the " + type + " message"),
                "the provider's text is never kept: " + failure.getMessage());
    }

    private void assertBad(String body, String reason) {
        server.replies(request -> Reply.json(200, body));
        ProviderException failure = ProviderCalls.failure(provider("k"), ProviderCalls.dockerfile("m"));
        assertEquals(ErrorCode.PROVIDER_BAD_RESPONSE, failure.code());
        assertTrue(failure.getMessage().contains(reason), failure.getMessage());
    }

    private static Reply error(int status, String type) {
        return Reply.json(status, "{\"type\": \"error\", \"error\": {\"type\": \"" + type + "\", \"message\": \"the "
                + type + " message\"}}");
    }
}
