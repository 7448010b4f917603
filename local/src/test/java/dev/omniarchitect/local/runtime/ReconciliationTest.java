package dev.omniarchitect.local.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omniarchitect.job.ItemResult;
import dev.omniarchitect.job.ItemStatus;
import dev.omniarchitect.job.JobFailure;
import dev.omniarchitect.job.JobRecord;
import dev.omniarchitect.job.JobStatus;
import dev.omniarchitect.local.asl.ExecutionResult;
import dev.omniarchitect.provider.ErrorCode;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The real definition and the real functions: every way an execution ends without its aggregation (a failed
 * aggregation, a stop, a timeout) leaves the job FAILED with the reason and every item accounted for.
 */
class ReconciliationTest extends PipelineTestBase {

    @Test
    void anAggregationThatThrowsLeavesAFailedJobWhoseItemsKeepTheirResults() {
        restart(LocalPipeline.builder().replaceFunction(LocalFunctions.AGGREGATE, services -> (in, out, context) -> {
            throw new IllegalStateException("the aggregation broke");
        }));

        LocalPipeline.JobRun run = pipeline.run(batch(Batches.of(4, "{}")));

        assertEquals(ExecutionResult.Status.FAILED, run.execution().status());
        assertEquals("Omni.JobFailed", run.execution().error());
        JobRecord record = run.record();
        assertEquals(JobStatus.FAILED, record.status());
        assertEquals(4, record.items().size());
        assertTrue(record.items().stream().allMatch(item -> item.status() == ItemStatus.SUCCEEDED),
                "the items that ended keep their results: " + record.items());
        JobFailure failure = record.summary().failure();
        assertNotNull(failure, "the job says why it failed");
        assertEquals(JobFailure.Code.EXECUTION_FAILED, failure.code());
        assertFalse(failure.message().contains("IllegalStateException"), failure.message());
        assertFalse(failure.message().contains("broke"), "no exception text reaches the job: " + failure.message());
        assertEquals(4, record.summary().total());
    }

    @Test
    void aStoppedExecutionLeavesAFailedJobWithEveryItemAccountedFor() throws Exception {
        server.latency(Duration.ofSeconds(30));
        String jobId = pipeline.submit(batch(Batches.of(5, "{\"timeoutSeconds\": 60}")));
        waitForCalls(3);

        assertTrue(pipeline.stop(jobId));
        LocalPipeline.JobRun run = pipeline.await(jobId);

        assertEquals(ExecutionResult.Status.ABORTED, run.execution().status());
        assertEveryItemFailedBecauseTheExecutionEnded(run.record(), 5, JobFailure.Code.EXECUTION_ABORTED);
        assertFalse(pipeline.stop(jobId), "an execution that has ended cannot be stopped again");
    }

    @Test
    void anExecutionPastItsTimeoutLeavesAFailedJobWithEveryItemAccountedFor() throws Exception {
        restart(LocalPipeline.builder().executionTimeoutSeconds(2));
        server.latency(Duration.ofSeconds(30));

        LocalPipeline.JobRun run = pipeline.run(batch(Batches.of(4, "{\"timeoutSeconds\": 60}")));

        assertEquals(ExecutionResult.Status.TIMED_OUT, run.execution().status());
        assertEveryItemFailedBecauseTheExecutionEnded(run.record(), 4, JobFailure.Code.EXECUTION_TIMED_OUT);
    }

    @Test
    void reconcilingTwiceChangesNothing() throws Exception {
        server.latency(Duration.ofSeconds(30));
        String jobId = pipeline.submit(batch(Batches.of(2, "{\"timeoutSeconds\": 60}")));
        waitForCalls(2);
        pipeline.stop(jobId);
        JobRecord first = pipeline.await(jobId).record();

        // EventBridge delivers at least once: the same event again, and the Catch's payload after it.
        pipeline.functions().invoke(LocalFunctions.RECONCILE, pipeline.services().mapper().createObjectNode()
                .put("jobId", jobId).put("status", "FAILED").put("error", "States.Runtime"));
        JobRecord again = pipeline.services().jobReader().read(jobId).join().orElseThrow();

        assertEquals(first.status(), again.status());
        assertEquals(first.summary(), again.summary());
        assertEquals(first.items(), again.items());
    }

    private void assertEveryItemFailedBecauseTheExecutionEnded(JobRecord record, int items, JobFailure.Code code) {
        assertEquals(JobStatus.FAILED, record.status());
        assertEquals(code, record.summary().failure().code());
        assertEquals(items, record.items().size(), "every item accounted for");
        Set<String> ids = record.items().stream().map(ItemResult::id).collect(Collectors.toSet());
        assertEquals(items, ids.size());
        for (ItemResult item : record.items()) {
            assertEquals(ItemStatus.FAILED, item.status(), item.id());
            assertEquals(ErrorCode.ITEM_EXECUTION_FAILED, item.error().code(), item.id());
        }
        assertEquals(items, record.summary().failed());
    }

    private void waitForCalls(int calls) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (server.peakInFlight() < calls && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(server.peakInFlight() >= calls, "the provider calls never started");
    }
}
