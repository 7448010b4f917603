package dev.omniarchitect.provider.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.http.AsyncHttp;
import dev.omniarchitect.json.Json;
import dev.omniarchitect.kind.KindRegistry;
import dev.omniarchitect.provider.ErrorCode;
import dev.omniarchitect.provider.ProviderAnswer;
import dev.omniarchitect.provider.ProviderException;
import dev.omniarchitect.provider.ProviderRequest;
import dev.omniarchitect.provider.Usage;
import dev.omniarchitect.runtime.AwsClients;
import dev.omniarchitect.testing.LoopbackOpenAiServer;
import dev.omniarchitect.testing.LoopbackOpenAiServer.Reply;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;

/** The OpenAI provider over the real Netty client against a loopback server speaking the Chat Completions format. */
class OpenAiProviderTest {

    private static SdkAsyncHttpClient netty;
    private static LoopbackOpenAiServer server;
    private OpenAiProvider provider;

    @BeforeAll
    static void start() {
        netty = AwsClients.nettyClient();
        server = LoopbackOpenAiServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
        netty.close();
    }

    @BeforeEach
    void configure() {
        server.resetCounts();
        server.latency(Duration.ZERO);
        server.replies(request -> Reply.answer(LoopbackOpenAiServer.defaultAnswer(request)));
        provider = provider(server.baseUrl(), "sk-test-0123456789");
    }

    @Test
    void sendsTheChatCompletionsRequestAndReadsTheAnswer() {
        server.replies(request -> Reply.answer("```dockerfile\nFROM eclipse-temurin:21-jre\n```"));

        ProviderAnswer answer = provider.generate(request(Duration.ofSeconds(5))).join();

        assertEquals("```dockerfile\nFROM eclipse-temurin:21-jre\n```", answer.text());
        assertEquals("loopback-model-2026", answer.model());
        assertEquals(new Usage(120, 80), answer.usage());
        LoopbackOpenAiServer.Received received = server.received().get(0);
        assertEquals("POST", received.method());
        assertEquals("/v1/chat/completions", received.path());
        assertEquals("Bearer sk-test-0123456789", received.authorization());
        JsonNode body = received.body();
        assertEquals("gpt-4o-mini", body.path("model").asText());
        assertEquals("system", body.path("messages").path(0).path("role").asText());
        assertTrue(body.path("messages").path(0).path("content").asText().contains("Dockerfile"));
        assertEquals("build a Dockerfile", body.path("messages").path(1).path("content").asText());
        assertEquals(0.2, body.path("temperature").asDouble());
        assertEquals(1000, body.path("max_tokens").asInt(), "compatible servers get max_tokens");
        assertFalse(body.path("stream").asBoolean());
    }

    @Test
    void worksWithCompatibleServersThatNeedNoKeyAndSendNoUsage() {
        provider = provider(server.baseUrl(), null);
        server.replies(request -> new Reply(200, """
                {"choices":[{"message":{"role":"assistant","content":"```yaml\\na: 1\\n```"},"finish_reason":"stop"}]}""",
                Map.of()));

        ProviderAnswer answer = provider.generate(request(Duration.ofSeconds(5))).join();

        assertEquals(Usage.NONE, answer.usage());
        assertEquals("gpt-4o-mini", answer.model(), "the requested model when the server names none");
        assertEquals(null, server.received().get(0).authorization());
        assertTrue(provider.isConfigured(), "a non-OpenAI endpoint needs no key");
    }

    @Test
    void httpErrorsMapToStableCodes() {
        assertCode(ErrorCode.PROVIDER_AUTH, Reply.error(401, "Incorrect API key provided: sk-abcd************wxyz"));
        assertCode(ErrorCode.PROVIDER_AUTH, Reply.error(403, "forbidden"));
        assertCode(ErrorCode.MODEL_NOT_FOUND, Reply.error(404, "The model `gpt-9` does not exist"));
        assertCode(ErrorCode.PROVIDER_BAD_REQUEST, Reply.error(400, "bad"));
        assertCode(ErrorCode.PROVIDER_RATE_LIMITED, Reply.error(429, "slow down"));
        assertCode(ErrorCode.PROVIDER_UNAVAILABLE, Reply.error(500, "oops"));
        assertCode(ErrorCode.PROVIDER_UNAVAILABLE, Reply.error(503, "overloaded"));
    }

    @Test
    void errorMessagesNeverCarryTheKey() {
        server.replies(request -> Reply.error(401, "Incorrect API key provided: sk-abcdEFGH1234wxyz"));
        ProviderException failure = failure(provider);
        assertFalse(failure.getMessage().contains("sk-abcdEFGH1234wxyz"), failure.getMessage());
        assertTrue(failure.getMessage().contains("HTTP 401"), failure.getMessage());
    }

    @Test
    void badBodiesArePROVIDER_BAD_RESPONSEWithTheReason() {
        assertBadResponse(new Reply(200, "<html>gateway</html>", Map.of()), "not JSON");
        assertBadResponse(new Reply(200, "{\"choices\":[]}", Map.of()), "no choices[0].message.content");
        assertBadResponse(new Reply(200, "{\"choices\":[{\"message\":{\"content\":\"  \"},\"finish_reason\":\"stop\"}]}",
                Map.of()), "empty");
        assertBadResponse(new Reply(200, "{\"choices\":[{\"message\":{\"content\":\"```yaml\\na: 1\"},"
                + "\"finish_reason\":\"length\"}]}", Map.of()), "cut off");
    }

    @Test
    void aServerThatNeverAnswersCostsAtMostTheTimeout() {
        server.latency(Duration.ofSeconds(5));
        long start = System.nanoTime();
        CompletionException e = assertThrows(CompletionException.class,
                () -> provider.generate(request(Duration.ofMillis(300))).join());
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        ProviderException failure = assertInstanceOf(ProviderException.class, e.getCause());
        assertEquals(ErrorCode.PROVIDER_TIMEOUT, failure.code());
        assertTrue(elapsedMs < 4_000, "gave up after " + elapsedMs + " ms instead of waiting for the server");
    }

    @Test
    void aRefusedConnectionIsPROVIDER_UNAVAILABLE() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ProviderException failure = failure(provider("http://127.0.0.1:" + closedPort + "/v1", "sk-x"));
        assertEquals(ErrorCode.PROVIDER_UNAVAILABLE, failure.code());
    }

    @Test
    void openAiItselfGetsMaxCompletionTokensAndNeedsAKey() {
        OpenAiSettings openAi = OpenAiSettings.fromEnvironment(Map.of());
        assertFalse(openAi.isConfigured());
        assertTrue(openAi.isOpenAiItself());
        assertEquals(URI.create("https://api.openai.com/v1"), openAi.baseUrl());
        assertTrue(OpenAiSettings.fromEnvironment(Map.of("OPENAI_API_KEY", "sk-1")).isConfigured());
    }

    @Test
    void answersCompleteOffTheNettyEventLoop() {
        String thread = provider.generate(request(Duration.ofSeconds(5)))
                .thenApply(answer -> Thread.currentThread().getName()).join();
        assertFalse(thread.contains("NettyEventLoop"), "work chained onto an answer ran on " + thread);
    }

    private void assertCode(ErrorCode expected, Reply reply) {
        server.replies(request -> reply);
        assertEquals(expected, failure(provider).code(), "for HTTP " + reply.status());
    }

    private void assertBadResponse(Reply reply, String reason) {
        server.replies(request -> reply);
        ProviderException failure = failure(provider);
        assertEquals(ErrorCode.PROVIDER_BAD_RESPONSE, failure.code());
        assertTrue(failure.getMessage().contains(reason), failure.getMessage());
    }

    private ProviderException failure(OpenAiProvider target) {
        CompletionException e = assertThrows(CompletionException.class,
                () -> target.generate(request(Duration.ofSeconds(5))).join());
        return assertInstanceOf(ProviderException.class, e.getCause());
    }

    private static OpenAiProvider provider(String baseUrl, String key) {
        Map<String, String> env = key == null ? Map.of("OPENAI_BASE_URL", baseUrl)
                : Map.of("OPENAI_BASE_URL", baseUrl, "OPENAI_API_KEY", key);
        return new OpenAiProvider(OpenAiSettings.fromEnvironment(env), new AsyncHttp(netty, 1 << 20, dev.omniarchitect.runtime.CompletionThreads.create()), Json.mapper(),
                java.time.Clock.systemUTC());
    }

    private static ProviderRequest request(Duration timeout) {
        return new ProviderRequest(KindRegistry.builtIn().get("dockerfile"), "gpt-4o-mini", "build a Dockerfile",
                Json.mapper().createObjectNode(), 0.2, 1000, timeout);
    }
}
