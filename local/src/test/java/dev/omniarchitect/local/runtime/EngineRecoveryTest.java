package dev.omniarchitect.local.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omniarchitect.batch.BatchDocument;
import dev.omniarchitect.batch.BatchOverrides;
import dev.omniarchitect.job.JobRecord;
import dev.omniarchitect.job.JobStatus;
import dev.omniarchitect.testing.LoopbackOpenAiServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scan for unfinished jobs runs while an engine already takes jobs: it resumes what an earlier engine left
 * in the data directory, and never a job the engine took since it started, even one still running.
 */
class EngineRecoveryTest {

    @TempDir
    Path data;

    @Test
    void resumesTheJobsAnEarlierEngineLeftAndNeverOneTakenSinceTheStart() throws Exception {
        try (LoopbackOpenAiServer provider = LoopbackOpenAiServer.start().latency(Duration.ofMillis(1_500))) {
            String left;
            try (LocalPipeline earlier = pipeline(provider)) {
                left = earlier.submit(batch(earlier, 2));
                awaitCalls(provider, 2);
                // Stopping: the calls in flight record their results, the aggregation is left for the next start.
                earlier.recovery().drain(EngineRecovery.DRAIN_BOUND);
            }
            assertEquals(2, provider.calls());
            Thread.sleep(5);
            Instant startedAt = Instant.now();
            try (LocalPipeline engine = pipeline(provider)) {
                Thread.sleep(5);
                String taken = engine.submit(batch(engine, 1));
                awaitCalls(provider, 3);

                assertEquals(List.of(left), engine.recovery().resumeAll(startedAt),
                        "only the earlier engine's job, not the one in flight here");
                JobRecord resumed = engine.await(left).record();
                JobRecord own = engine.await(taken).record();
                assertEquals(JobStatus.SUCCEEDED, resumed.status(), resumed.toString());
                assertEquals(2, resumed.items().size());
                assertEquals(JobStatus.SUCCEEDED, own.status(), own.toString());
                assertEquals(3, provider.calls(), "every item called its provider once: the resumed job's items kept "
                        + "their results and the job in flight was not run again");
                assertTrue(engine.executionNames().contains(left));
            }
        }
    }

    private LocalPipeline pipeline(LoopbackOpenAiServer provider) {
        return LocalPipeline.builder()
                .environment(Map.of("OMNI_DEFAULT_PROVIDER", "openai", "OPENAI_BASE_URL", provider.baseUrl(),
                        "OPENAI_API_KEY", "sk-loopback-recovery-0123456789"))
                .dataDirectory(data)
                .leasesInMemory()
                .logOutput(new PrintStream(new ByteArrayOutputStream()))
                .build();
    }

    private static BatchDocument batch(LocalPipeline pipeline, int items) {
        return pipeline.services().batchParser().parse(Batches.of(items, "{\"cache\": \"bypass\"}"),
                BatchOverrides.NONE);
    }

    private static void awaitCalls(LoopbackOpenAiServer provider, int calls) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (provider.calls() < calls) {
            assertTrue(System.nanoTime() < deadline, "the items never reached the provider: " + provider.calls());
            Thread.sleep(20);
        }
    }
}
