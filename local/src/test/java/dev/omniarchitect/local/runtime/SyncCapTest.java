package dev.omniarchitect.local.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omniarchitect.job.ItemStatus;
import dev.omniarchitect.job.JobRecord;
import dev.omniarchitect.job.JobStatus;
import dev.omniarchitect.job.lambda.LambdaItemRunner;
import dev.omniarchitect.json.Json;
import dev.omniarchitect.local.asl.LambdaFailure;
import dev.omniarchitect.runtime.AwsClients;
import dev.omniarchitect.testing.LoopbackHttpServer.Reply;
import dev.omniarchitect.testing.LoopbackHttpServer;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;

/**
 * Sync mode under ProviderCallFunction's cap: ApiFunction invokes the function through Lambda's Invoke API
 * (a loopback server with a reserved concurrency of 1, forwarding to the real handler), so a sync call
 * never puts more provider calls in flight than the cap; the items it throttles are handed over to the
 * execution, and the job still ends with every item.
 */
class SyncCapTest extends PipelineTestBase {

    private static final int RESERVED_CONCURRENCY = 1;

    private final Semaphore reserved = new Semaphore(RESERVED_CONCURRENCY);
    private final AtomicInteger admitted = new AtomicInteger();
    private final AtomicInteger throttled = new AtomicInteger();
    private LoopbackHttpServer lambdaService;
    private SdkAsyncHttpClient http;

    @AfterEach
    void stopLambda() {
        if (http != null) {
            http.close();
        }
        if (lambdaService != null) {
            lambdaService.close();
        }
    }

    @Test
    void aSyncCallPutsNoMoreCallsInFlightThanTheCapAndHandsTheRestOver() throws Exception {
        lambdaService = LoopbackHttpServer.start("/2015-03-31/functions/", this::invokeUnderTheCap);
        http = AwsClients.nettyClient();
        LambdaAsyncClient lambda = LambdaAsyncClient.builder().httpClient(http)
                .endpointOverride(URI.create(lambdaService.origin()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(override -> override.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        pipeline.close();
        pipeline = LocalPipeline.builder()
                .environment(environment())
                .logOutput(new PrintStream(logs, true, StandardCharsets.UTF_8))
                .clock(clock)
                .retryDelayScale(0.001)
                .syncItems(services -> new LambdaItemRunner(lambda, LocalFunctions.PROVIDER_CALL, services.mapper(),
                        services.log(), services.clock()))
                .build();
        server.latency(Duration.ofMillis(300));

        ObjectNode event = Json.mapper().createObjectNode().put("version", "2.0").put("rawPath", "/v1/generations")
                .put("isBase64Encoded", false)
                .put("body", "{\"mode\": \"sync\", " + Batches.of(3, "{}").substring(1));
        event.putObject("headers").put("content-type", "application/json");
        event.putObject("requestContext").putObject("http").put("method", "POST").put("path", "/v1/generations");
        JsonNode response = pipeline.functions().invoke(LocalFunctions.API, event);
        JsonNode answer = Json.mapper().readTree(response.path("body").asText());
        String jobId = answer.path("jobId").asText();

        // Three lanes start at once: the cap admits one, throttles the others, which go to the execution.
        assertEquals(202, response.path("statusCode").asInt(), "the throttled items were handed over: " + answer);
        assertTrue(admitted.get() >= 1 && throttled.get() >= 1, admitted + " admitted, " + throttled + " throttled");
        assertTrue(logText().contains("\"sync.item_deferred\""), "an item met the cap");
        JobRecord record = pipeline.await(jobId).record();
        assertEquals(JobStatus.SUCCEEDED, record.status());
        assertEquals(3, record.items().size());
        assertTrue(record.items().stream().allMatch(item -> item.status() == ItemStatus.SUCCEEDED));
        assertEquals(3, server.calls(), "every item called its provider once: through the cap or in the execution, "
                + "never both, never in ApiFunction itself");
        assertEquals(3 - admitted.get(), pipeline.services().mapper().readTree(logText().lines()
                .filter(line -> line.contains("\"job.handed_over\"")).findFirst().orElseThrow())
                .path("items").asInt(), "the items handed over are those the cap turned away");
    }

    /** Lambda with reserved concurrency: over the cap, 429 TooManyRequestsException; under it, the real handler. */
    private Reply invokeUnderTheCap(LoopbackHttpServer.Received request) {
        if (!reserved.tryAcquire()) {
            throttled.incrementAndGet();
            return Reply.json(429, "{\"Reason\": \"ReservedFunctionConcurrentInvocationLimitExceeded\", "
                    + "\"Type\": \"User\", \"message\": \"Rate Exceeded.\"}")
                    .withHeader("x-amzn-ErrorType", "TooManyRequestsException");
        }
        admitted.incrementAndGet();
        try {
            return Reply.json(200, pipeline.functions().invoke(LocalFunctions.PROVIDER_CALL, request.body()).toString());
        } catch (LambdaFailure e) {
            return Reply.json(200, "{\"errorType\": \"" + e.errorType() + "\"}")
                    .withHeader("X-Amz-Function-Error", "Unhandled");
        } finally {
            reserved.release();
        }
    }
}
