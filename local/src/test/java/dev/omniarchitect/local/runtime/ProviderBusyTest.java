package dev.omniarchitect.local.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.handler.ProviderCallHandler;
import dev.omniarchitect.job.ItemResult;
import dev.omniarchitect.job.JobRecord;
import dev.omniarchitect.job.JobStatus;
import dev.omniarchitect.job.Owner;
import dev.omniarchitect.json.Json;
import dev.omniarchitect.limit.ProviderBusyException;
import dev.omniarchitect.limit.dynamodb.DynamoDbLeaseStore;
import dev.omniarchitect.provider.ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An item whose provider-wide lease is held by others goes back to the state machine instead of waiting in
 * the function: ProviderCallFunction fails with ProviderBusyException before any call, counting no attempt,
 * the definition's Retry runs it again, and its deadline, counted from its first start, still ends it.
 */
class ProviderBusyTest extends PipelineTestBase {

    /** The function's patience, shortened: the definition's Retry waits are scaled down too. */
    private static final Duration PATIENCE = Duration.ofMillis(200);

    @Override
    protected Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(super.environment());
        env.put("OMNI_LIMIT_OPENAI", "1");
        return env;
    }

    @Override
    protected LocalPipeline.Builder configure(LocalPipeline.Builder builder) {
        return builder.replaceFunction(LocalFunctions.PROVIDER_CALL,
                services -> new ProviderCallHandler(services, PATIENCE));
    }

    private DynamoDbLeaseStore leases() {
        return new DynamoDbLeaseStore(pipeline.services().aws().dynamoDb(), pipeline.services().config().limitsTable());
    }

    /** Another instance's call holds the provider's only slot until then. */
    private void holdTheOnlySlotUntil(Instant until) {
        assertTrue(leases().take("openai", 0, "another-instance", clock.instant(), until).join());
    }

    private String storedJob(String options) {
        String jobId = "job-busy-" + System.nanoTime();
        pipeline.services().jobs().create(jobId, batch(Batches.of(1, options)), Owner.LOCAL, clock.instant()).join();
        return jobId;
    }

    private JsonNode invoke(ProviderCallHandler handler, String jobId, Instant firstStartedAt) throws IOException {
        String event = "{\"jobId\": \"" + jobId + "\", \"itemId\": \"item-0\", \"firstStartedAt\": \""
                + firstStartedAt + "\"}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out,
                new LocalContext(LocalFunctions.PROVIDER_CALL, 900, 1024, new PrintStream(OutputStream.nullOutputStream())));
        return Json.mapper().readTree(out.toByteArray());
    }

    @Test
    void aLeaseHeldByOthersFailsTheInvocationAsBusyWithNoCallNorAttemptThenTheRetrySucceeds() throws IOException {
        ProviderCallHandler handler = new ProviderCallHandler(pipeline.services(), PATIENCE);
        String jobId = storedJob("{\"cache\": \"bypass\"}");
        holdTheOnlySlotUntil(clock.instant().plusSeconds(60));

        assertThrows(ProviderBusyException.class, () -> invoke(handler, jobId, clock.instant()));
        assertEquals(0, server.calls(), "no call while busy");
        assertTrue(pipeline.services().jobs().loadResult(jobId, "item-0").join().isEmpty(),
                "nothing stored: the item is not finished, and no attempt is counted");

        assertTrue(leases().giveBack("openai", 0, "another-instance").thenApply(done -> true).join());
        JsonNode outcome = invoke(handler, jobId, clock.instant());
        assertEquals("SUCCEEDED", outcome.path("status").asText(), outcome.toString());
        ItemResult result = pipeline.services().jobs().loadResult(jobId, "item-0").join().orElseThrow();
        assertEquals(1, result.attempts().size(), "the busy invocation counts no attempt: " + result.attempts());
        assertEquals(1, server.calls());
    }

    @Test
    void anItemWhoseDeadlineHasPassedSinceItsFirstStartEndsWithItsTimeoutNotBusy() throws IOException {
        ProviderCallHandler handler = new ProviderCallHandler(pipeline.services(), PATIENCE);
        String jobId = storedJob("{\"cache\": \"bypass\", \"timeoutSeconds\": 5}");
        holdTheOnlySlotUntil(clock.instant().plusSeconds(60));

        JsonNode outcome = invoke(handler, jobId, clock.instant().minusSeconds(6));
        assertEquals("FAILED", outcome.path("status").asText(), outcome.toString());
        ItemResult result = pipeline.services().jobs().loadResult(jobId, "item-0").join().orElseThrow();
        assertEquals(ErrorCode.PROVIDER_TIMEOUT, result.error().code());
        assertTrue(result.error().message().contains("5 s deadline"), result.error().message());
        assertEquals(0, result.attempts().size());
        assertEquals(0, server.calls());
    }

    @Test
    void busyItemsWaitInTheStateMachineAndSucceedOnceTheLeaseIsFree() {
        // A crashed holder's lease: it expires by itself, after the items have been busy a few times.
        holdTheOnlySlotUntil(clock.instant().plusMillis(1_500));
        JobRecord record = run(Batches.of(3, "{\"cache\": \"bypass\"}"));

        assertEquals(JobStatus.SUCCEEDED, record.status(), record.items().toString());
        assertEquals(3, record.summary().succeeded());
        for (ItemResult item : record.items()) {
            assertEquals(1, item.attempts().size(), "busy retries are not attempts: " + item.attempts());
        }
        assertTrue(logText().contains("\"item.provider_busy\""), "the items went back to the state machine");
        assertEquals(3, server.calls());
    }

    @Test
    void anItemStillBusyAtItsDeadlineEndsWithAClearTimeoutAndTheJobEnds() {
        holdTheOnlySlotUntil(clock.instant().plusSeconds(120));
        JobRecord record = run(Batches.of(2, "{\"cache\": \"bypass\", \"timeoutSeconds\": 2}"));

        assertEquals(2, record.items().size(), "every item has a result: " + record.items());
        for (ItemResult item : record.items()) {
            // Its deadline came either between two busy invocations or during the last one's short wait.
            assertEquals(ErrorCode.PROVIDER_TIMEOUT, item.error().code(), item.toString());
            assertTrue(item.error().message().contains("deadline"), item.error().message());
            assertEquals(0, item.attempts().size());
        }
        assertEquals(JobStatus.FAILED, record.status());
        assertTrue(logText().contains("\"item.provider_busy\""), "the items were busy before their deadline");
        assertEquals(0, server.calls());
    }
}
