package dev.omniarchitect.local.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omniarchitect.job.JobRecord;
import dev.omniarchitect.job.JobStatus;
import dev.omniarchitect.local.limit.EngineLeaseStore;
import dev.omniarchitect.testing.LoopbackOpenAiServer;
import dev.omniarchitect.testing.LoopbackOpenAiServer.Reply;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The same shared limit with the leases in the pipeline's memory, as the engine keeps them: it converges as
 * on the table, and the limits table is never touched.
 */
class EngineProviderLimitTest extends ProviderLimitTest {

    @Override
    protected LocalPipeline.Builder configure(LocalPipeline.Builder builder) {
        return builder.leasesInMemory();
    }

    @Test
    void theLeasesAreKeptInMemoryAndTheLimitsTableStaysEmpty() {
        List<Integer> busyDuringCalls = new CopyOnWriteArrayList<>();
        server.replies(request -> {
            busyDuringCalls.add(pipeline.leases().read("openai", clock.instant()).join().busy().size());
            return Reply.answer(LoopbackOpenAiServer.defaultAnswer(request));
        });
        assertFalse(pipeline.firstProviderCall().isDone(), "no provider call yet");
        JobRecord record = run(Batches.of(4, "{\"cache\": \"bypass\"}"));
        assertTrue(pipeline.firstProviderCall().isDone(), "the first lease taken tells the engine a call started");

        assertEquals(JobStatus.SUCCEEDED, record.status());
        assertTrue(pipeline.leases() instanceof EngineLeaseStore, "the pipeline's leases: " + pipeline.leases());
        assertEquals(4, busyDuringCalls.size());
        assertTrue(busyDuringCalls.stream().allMatch(busy -> busy >= 1),
                "each call held a lease of the memory store while it ran: " + busyDuringCalls);
        assertEquals(0, pipeline.services().aws().dynamoDb().scan(scan -> scan
                .tableName(pipeline.services().config().limitsTable())).join().count(), "no item in the limits table");
    }
}
