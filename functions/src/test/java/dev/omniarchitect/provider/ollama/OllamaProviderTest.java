package dev.omniarchitect.provider.ollama;

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
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;

/** Ollama's /api/chat over the real Netty client against a loopback server speaking its wire format. */
class OllamaProviderTest {

    static final String ANSWER = """
            {"model": "qwen2.5-coder:7b", "created_at": "2026-11-26T17:54:32.123Z",
             "message": {"role": "assistant", "content": "```dockerfile\\nFROM golang:1.24\\n```"},
             "done": true, "done_reason": "stop", "total_duration": 4883583458,
             "prompt_eval_count": 26, "eval_count": 298}""";

    private static SdkAsyncHttpClient netty;
    private static LoopbackHttpServer server;
    private static OllamaProvider provider;

    @BeforeAll
    static void start() {
        netty = AwsClients.nettyClient();
        server = LoopbackHttpServer.start("/api/chat", request -> Reply.json(200, ANSWER));
        String hostPort = server.origin().substring("http://".length());
        provider = new OllamaProvider(OllamaSettings.fromEnvironment(Map.of("OLLAMA_HOST", hostPort)),
                new AsyncHttp(netty, 1 << 20, dev.omniarchitect.runtime.CompletionThreads.create()), Json.mapper(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        server.close();
        netty.close();
    }

    @Test
    void sendsAChatRequestWithoutStreamingAndReadsTheAnswer() {
        server.resetCounts();
        server.replies(request -> Reply.json(200, ANSWER));

        ProviderAnswer answer = provider.generate(ProviderCalls.dockerfile("qwen2.5-coder:7b")).join();

        assertEquals(new Usage(26, 298), answer.usage());
        assertTrue(answer.text().startsWith("```dockerfile"));
        JsonNode body = server.received().get(0).body();
        assertEquals("/api/chat", server.received().get(0).path());
        assertFalse(server.received().get(0).headers().containsKey("authorization"), "Ollama needs no key");
        assertEquals("qwen2.5-coder:7b", body.path("model").asText());
        assertFalse(body.path("stream").asBoolean(true));
        assertEquals(1000, body.path("options").path("num_predict").asInt());
        assertEquals("system", body.path("messages").path(0).path("role").asText());
        assertEquals("build a Dockerfile", body.path("messages").path(1).path("content").asText());
    }

    @Test
    void anUnknownModelIsMODEL_NOT_FOUNDInOurWords() {
        server.replies(request -> Reply.json(404, "{\"error\": \"model 'llama9' not found, try pulling it first\"}"));
        ProviderException failure = ProviderCalls.failure(provider, ProviderCalls.dockerfile("llama9"));
        assertEquals(ErrorCode.MODEL_NOT_FOUND, failure.code());
        assertFalse(failure.getMessage().contains("llama9"), "the provider's text is never kept: " + failure.getMessage());
        assertTrue(failure.getMessage().contains("HTTP 404") && failure.getMessage().contains("model id"),
                failure.getMessage());
    }

    @Test
    void truncatedOrEmptyAnswersArePROVIDER_BAD_RESPONSE() {
        server.replies(request -> Reply.json(200, ANSWER.replace("\"stop\"", "\"length\"")));
        assertEquals(ErrorCode.PROVIDER_BAD_RESPONSE,
                ProviderCalls.failure(provider, ProviderCalls.dockerfile("m")).code());
        server.replies(request -> Reply.json(200, "{\"message\": {\"role\": \"assistant\", \"content\": \"\"}}"));
        assertTrue(ProviderCalls.failure(provider, ProviderCalls.dockerfile("m")).getMessage().contains("empty"));
    }

    @Test
    void aBareHostAndPortGetsHttp() {
        assertEquals("http://10.0.0.5:11434", OllamaSettings.fromEnvironment(Map.of("OLLAMA_HOST", "10.0.0.5:11434"))
                .host().toString());
        assertEquals(OllamaSettings.DEFAULT_HOST, OllamaSettings.fromEnvironment(Map.of()).host());
    }
}
