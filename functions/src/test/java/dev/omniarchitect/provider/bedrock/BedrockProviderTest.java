package dev.omniarchitect.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.provider.ErrorCode;
import dev.omniarchitect.provider.ProviderAnswer;
import dev.omniarchitect.provider.ProviderException;
import dev.omniarchitect.provider.Usage;
import dev.omniarchitect.runtime.AwsClients;
import dev.omniarchitect.testing.LoopbackHttpServer;
import dev.omniarchitect.testing.LoopbackHttpServer.Reply;
import dev.omniarchitect.testing.ProviderCalls;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;

/** Bedrock's Converse API through the real SDK client and Netty, reached through an endpoint override. */
class BedrockProviderTest {

    static final String ANSWER = """
            {"output": {"message": {"role": "assistant",
                                    "content": [{"text": "```dockerfile\\nFROM public.ecr.aws/docker/library/python:3.12\\n```"}]}},
             "stopReason": "end_turn",
             "usage": {"inputTokens": 412, "outputTokens": 77, "totalTokens": 489},
             "metrics": {"latencyMs": 1234}}""";
    static final String MODEL = "global.anthropic.claude-sonnet-4-5-20250929-v1:0";

    private static SdkAsyncHttpClient netty;
    private static LoopbackHttpServer server;
    private static BedrockRuntimeAsyncClient client;
    private static BedrockProvider provider;

    @BeforeAll
    static void start() {
        netty = AwsClients.nettyClient();
        server = LoopbackHttpServer.start("/model/", request -> Reply.json(200, ANSWER));
        client = BedrockRuntimeAsyncClient.builder()
                .httpClient(netty)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "local")))
                .endpointOverride(URI.create(server.origin()))
                .overrideConfiguration(override -> override.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        provider = new BedrockProvider(BedrockSettings.fromEnvironment(Map.of("AWS_REGION", "us-east-1",
                "AWS_ENDPOINT_URL_BEDROCK_RUNTIME", server.origin())), client);
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
        netty.close();
    }

    @Test
    void sendsAConverseRequestAndReadsTextAndUsage() {
        server.resetCounts();
        server.replies(request -> Reply.json(200, ANSWER));

        ProviderAnswer answer = provider.generate(ProviderCalls.dockerfile(MODEL)).join();

        assertTrue(answer.text().startsWith("```dockerfile"));
        assertEquals(new Usage(412, 77), answer.usage());
        assertEquals(MODEL, answer.model());
        LoopbackHttpServer.Received received = server.received().get(0);
        assertEquals("POST", received.method());
        assertEquals("/model/" + MODEL + "/converse", java.net.URLDecoder.decode(received.path(),
                java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(received.headers().get("authorization").startsWith("AWS4-HMAC-SHA256"), "signed with SigV4");
        JsonNode body = received.body();
        assertTrue(body.path("system").path(0).path("text").asText().contains("Dockerfile"));
        assertEquals("user", body.path("messages").path(0).path("role").asText());
        assertEquals("build a Dockerfile", body.path("messages").path(0).path("content").path(0).path("text").asText());
        assertEquals(1000, body.path("inferenceConfig").path("maxTokens").asInt());
    }

    @Test
    void serviceErrorsMapToStableCodes() {
        assertFailure(429, "ThrottlingException", "Too many requests, please wait before trying again.",
                ErrorCode.PROVIDER_RATE_LIMITED, true);
        assertFailure(503, "ServiceUnavailableException", "Service unavailable", ErrorCode.PROVIDER_UNAVAILABLE, true);
        assertFailure(403, "AccessDeniedException", "You don't have access to the model with the specified model ID.",
                ErrorCode.PROVIDER_AUTH, false);
        assertFailure(400, "ValidationException", "The provided model identifier is invalid.",
                ErrorCode.MODEL_NOT_FOUND, false);
        assertFailure(400, "ValidationException", "messages: text content blocks must be non-empty",
                ErrorCode.PROVIDER_BAD_REQUEST, false);
        assertFailure(404, "ResourceNotFoundException", "Model not found", ErrorCode.MODEL_NOT_FOUND, false);
    }

    @Test
    void aTruncatedAnswerIsPROVIDER_BAD_RESPONSE() {
        server.replies(request -> Reply.json(200, ANSWER.replace("end_turn", "max_tokens")));
        ProviderException failure = ProviderCalls.failure(provider, ProviderCalls.dockerfile(MODEL));
        assertEquals(ErrorCode.PROVIDER_BAD_RESPONSE, failure.code());
        assertTrue(failure.getMessage().contains("cut off"), failure.getMessage());
    }

    @Test
    void withoutARegionBedrockIsNotConfigured() {
        BedrockProvider unconfigured = new BedrockProvider(BedrockSettings.fromEnvironment(Map.of()), null);
        assertEquals(ErrorCode.PROVIDER_NOT_CONFIGURED,
                ProviderCalls.failure(unconfigured, ProviderCalls.dockerfile(MODEL)).code());
    }

    private void assertFailure(int status, String type, String message, ErrorCode code, boolean retryable) {
        server.replies(request -> Reply.json(status, "{\"message\": \"" + message + "\"}")
                .withHeader("x-amzn-ErrorType", type + ":http://internal.amazon.com/coral/com.amazon.bedrock/"));
        ProviderException failure = ProviderCalls.failure(provider, ProviderCalls.dockerfile(MODEL));
        assertEquals(code, failure.code(), type + ": " + failure.getMessage());
        assertEquals(retryable, failure.retryable(), type);
        assertTrue(failure.getMessage().contains("HTTP " + status + " (" + type + ")"), failure.getMessage());
        assertFalse(failure.getMessage().contains(message), "the provider's text is never kept: " + failure.getMessage());
    }
}
