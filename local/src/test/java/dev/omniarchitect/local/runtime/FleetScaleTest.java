package dev.omniarchitect.local.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.handler.ProviderCallHandler;
import dev.omniarchitect.job.ItemResult;
import dev.omniarchitect.job.ItemStatus;
import dev.omniarchitect.job.JobFailure;
import dev.omniarchitect.job.JobRecord;
import dev.omniarchitect.job.JobStatus;
import dev.omniarchitect.local.asl.ExecutionResult;
import dev.omniarchitect.provider.ErrorCode;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Jobs far beyond what one state could carry, through the real definition's Distributed Map and the real
 * functions: thousands of items, children that fail outright under and over the tolerated percentage.
 */
class FleetScaleTest extends PipelineTestBase {

    /** Items whose ProviderCallFunction answers more than a state may carry: their child execution fails. */
    private static final Set<String> OVERSIZED = Set.of("item-3", "item-11", "item-17");

    @Test
    void twoThousandBlueprintItemsEachEndWithTheirResult() {
        restart(LocalPipeline.builder().maxConcurrency(40));
        String items = IntStream.range(0, 2_000)
                .mapToObj(i -> "{\"id\": \"svc-" + i + "\", \"kind\": \"dockerfile\", \"prompt\": \"service " + i
                        + "\", \"params\": {\"runtime\": \"node\"}}")
                .collect(Collectors.joining(",\n"));

        LocalPipeline.JobRun run = pipeline.run(batch("{\"provider\": \"blueprint\", \"items\": [" + items + "]}"));

        assertEquals(ExecutionResult.Status.SUCCEEDED, run.execution().status(), run.execution()::toString);
        JobRecord record = run.record();
        assertEquals(JobStatus.SUCCEEDED, record.status());
        assertEquals(2_000, record.summary().total());
        assertEquals(2_000, record.items().size());
        assertEquals(IntStream.range(0, 2_000).mapToObj(i -> "svc-" + i).toList(),
                record.items().stream().map(ItemResult::id).toList(), "every item, in document order");
        assertTrue(record.items().stream().allMatch(item -> item.status() == ItemStatus.SUCCEEDED
                && !item.files().isEmpty()), "every item generated its file");
        // The execution carried two references, never the ids: its input is the same for any size.
        assertTrue(run.execution().output().toString().length() < 4_096, run.execution().output().toString());
    }

    @Test
    void childrenFailingUnderTheToleratedPercentageLeaveAPartialJobWithEveryItemAccountedFor() {
        restart(LocalPipeline.builder().toleratedFailurePercentage(20)
                .replaceFunction(LocalFunctions.PROVIDER_CALL, FleetScaleTest::oversizedFor));

        LocalPipeline.JobRun run = pipeline.run(batch(Batches.of(20, "{}")));

        // 3 of 20 children failed (15%): tolerated, the job aggregates.
        assertEquals(ExecutionResult.Status.SUCCEEDED, run.execution().status(), run.execution()::toString);
        JobRecord record = run.record();
        assertEquals(JobStatus.PARTIAL, record.status());
        assertEquals(20, record.items().size(), "every item has a result");
        assertEquals(17, record.summary().succeeded());
        for (String id : OVERSIZED) {
            ItemResult failed = item(record, id);
            assertEquals(ItemStatus.FAILED, failed.status());
            assertEquals(ErrorCode.ITEM_EXECUTION_FAILED, failed.error().code());
            assertTrue(failed.error().message().contains("States.DataLimitExceeded"), failed.error().message());
        }
    }

    @Test
    void childrenFailingOverTheToleratedPercentageFailTheJobAndLoseNoItem() {
        restart(LocalPipeline.builder().toleratedFailurePercentage(10)
                .replaceFunction(LocalFunctions.PROVIDER_CALL, FleetScaleTest::oversizedFor));

        LocalPipeline.JobRun run = pipeline.run(batch(Batches.of(20, "{}")));

        // 3 of 20 (15%) is over 10%: the Map Run fails, its Catch hands the job to the reconciliation.
        assertEquals(ExecutionResult.Status.FAILED, run.execution().status());
        JobRecord record = run.record();
        assertEquals(JobStatus.FAILED, record.status());
        assertEquals(20, record.items().size(), "every item has a result, done or failed");
        JobFailure failure = record.summary().failure();
        assertNotNull(failure);
        assertEquals(20, record.summary().total());
        for (String id : OVERSIZED) {
            assertEquals(ItemStatus.FAILED, item(record, id).status());
        }
        assertTrue(record.items().stream().filter(item -> !OVERSIZED.contains(item.id()))
                .allMatch(item -> item.status() == ItemStatus.SUCCEEDED || item.status() == ItemStatus.FAILED));
    }

    /**
     * ProviderCallFunction as deployed, except that for the oversized items it answers 300 KB without storing a
     * result: Step Functions fails such a child with States.DataLimitExceeded, which no Catch takes.
     */
    private static com.amazonaws.services.lambda.runtime.RequestStreamHandler oversizedFor(
            dev.omniarchitect.runtime.FunctionServices services) {
        ProviderCallHandler real = new ProviderCallHandler(services);
        return (in, out, context) -> {
            byte[] event = in.readAllBytes();
            JsonNode payload = services.mapper().readTree(event);
            if (OVERSIZED.contains(payload.path("itemId").asText())) {
                services.mapper().writeValue(out, services.mapper().createObjectNode()
                        .put("itemId", payload.path("itemId").asText()).put("padding", "x".repeat(300_000)));
                return;
            }
            real.handleRequest(new java.io.ByteArrayInputStream(event), out, context);
        };
    }
}
