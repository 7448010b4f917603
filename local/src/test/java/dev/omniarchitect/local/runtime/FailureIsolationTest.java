package dev.omniarchitect.local.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omniarchitect.job.ItemResult;
import dev.omniarchitect.job.ItemStatus;
import dev.omniarchitect.job.JobRecord;
import dev.omniarchitect.job.JobStatus;
import dev.omniarchitect.provider.ErrorCode;
import dev.omniarchitect.testing.LoopbackOpenAiServer;
import dev.omniarchitect.testing.LoopbackOpenAiServer.Reply;
import org.junit.jupiter.api.Test;

/** One failing item never loses the batch. */
class FailureIsolationTest extends PipelineTestBase {

    @Test
    void anItemWhoseProviderAlwaysAnswers500EndsFailedAndTheBatchPartial() {
        server.replies(request -> LoopbackOpenAiServer.userMessage(request).equals("prompt 4")
                ? Reply.error(500, "internal error")
                : Reply.answer(LoopbackOpenAiServer.defaultAnswer(request)));

        JobRecord record = run(Batches.of(8, "{}"));

        assertEquals(JobStatus.PARTIAL, record.status());
        assertEquals(8, record.items().size(), "every item ends with a result or an error");
        assertEquals(7, record.summary().succeeded());
        assertEquals(1, record.summary().failed());
        ItemResult failed = item(record, "item-4");
        assertEquals(ItemStatus.FAILED, failed.status());
        assertEquals(ErrorCode.PROVIDER_UNAVAILABLE, failed.error().code());
        assertTrue(failed.error().message().contains("HTTP 500"), failed.error().message());
        assertTrue(failed.files().isEmpty());
        assertEquals("PROVIDER_UNAVAILABLE", failed.attempts().get(0).outcome());
        for (ItemResult item : record.items()) {
            if (!item.id().equals("item-4")) {
                assertEquals(ItemStatus.SUCCEEDED, item.status(), item.id());
                assertNull(item.error());
            }
        }
    }

    @Test
    void aBatchWhoseEveryItemFailsEndsFailed() {
        server.replies(request -> Reply.error(401, "Incorrect API key provided"));
        JobRecord record = run(Batches.of(3, "{}"));
        assertEquals(JobStatus.FAILED, record.status());
        assertEquals(3, record.summary().failed());
        record.items().forEach(item -> assertEquals(ErrorCode.PROVIDER_AUTH, item.error().code()));
    }

    @Test
    void anUnconfiguredProviderFailsItsItemsWithoutACall() {
        JobRecord record = pipelineWithoutOpenAi();
        assertEquals(0, server.calls());
        assertEquals(ErrorCode.PROVIDER_NOT_CONFIGURED, item(record, "x").error().code());
        assertEquals(ItemStatus.SUCCEEDED, item(record, "y").status());
        assertEquals("blueprint", item(record, "y").provider());
    }

    private JobRecord pipelineWithoutOpenAi() {
        try (LocalPipeline bare = LocalPipeline.builder().environment(java.util.Map.of())
                .logOutput(new java.io.PrintStream(logs, true)).build()) {
            return bare.run(bare.services().batchParser().parse("""
                    {"items": [{"id": "x", "kind": "dockerfile", "prompt": "p", "provider": "openai"},
                               {"id": "y", "kind": "dockerfile", "prompt": "p"}]}""",
                    dev.omniarchitect.batch.BatchOverrides.NONE)).record();
        }
    }
}
