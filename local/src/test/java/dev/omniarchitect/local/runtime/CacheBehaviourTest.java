package dev.omniarchitect.local.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omniarchitect.cache.CacheCounts;
import dev.omniarchitect.job.ItemResult;
import dev.omniarchitect.job.JobRecord;
import dev.omniarchitect.job.JobStatus;
import dev.omniarchitect.testing.LoopbackOpenAiServer;
import dev.omniarchitect.testing.LoopbackOpenAiServer.Reply;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The cache modes, against DynamoDB Local: use, expiry, refresh, bypass. */
class CacheBehaviourTest extends PipelineTestBase {

    private static final String ONE_ITEM = "{\"options\": {\"cache\": \"%s\", \"cacheTtlSeconds\": 3600},"
            + " \"items\": [{\"id\": \"api\", \"kind\": \"prometheus-rules\", \"prompt\": \"alerts\"}]}";

    private final AtomicInteger version = new AtomicInteger();

    private void answerWithVersion() {
        server.replies(request -> Reply.answer("```yaml path=alerts.rules.yml\n"
                + LoopbackOpenAiServer.rules("version-" + version.incrementAndGet()) + "```"));
    }

    @Test
    void aSecondRunIsServedFromTheCacheWithNoProviderCall() {
        JobRecord first = run(Batches.of(10, "{}"));
        assertEquals(10, server.calls());
        server.resetCounts();

        JobRecord second = run(Batches.of(10, "{}"));

        assertEquals(0, server.calls(), "every item must come from the cache");
        assertEquals(JobStatus.SUCCEEDED, second.status());
        assertEquals(10, second.summary().cacheHits());
        assertEquals(0, second.summary().inputTokens(), "cache hits spend no tokens");
        for (ItemResult item : second.items()) {
            assertTrue(item.cached(), item.id());
            assertTrue(item.attempts().isEmpty());
            assertEquals(item(first, item.id()).files(), item.files(), "a hit returns the same files");
            assertEquals("openai", item.provider());
        }
    }

    @Test
    void anExpiredEntryIsAMiss() {
        answerWithVersion();
        assertEquals(version(1), file(run(ONE_ITEM.formatted("use"))));
        assertEquals(version(1), file(run(ONE_ITEM.formatted("use"))));
        assertEquals(1, server.calls());

        clock.advance(Duration.ofSeconds(3601));
        JobRecord afterExpiry = run(ONE_ITEM.formatted("use"));

        assertEquals(2, server.calls(), "an expired entry must not be served even if DynamoDB still holds it");
        assertFalse(item(afterExpiry, "api").cached());
        assertEquals(version(2), file(afterExpiry));
    }

    @Test
    void refreshCallsAgainAndOverwrites() {
        answerWithVersion();
        run(ONE_ITEM.formatted("use"));

        JobRecord refreshed = run(ONE_ITEM.formatted("refresh"));
        assertEquals(2, server.calls());
        assertFalse(item(refreshed, "api").cached());
        assertEquals(version(2), file(refreshed));

        JobRecord reused = run(ONE_ITEM.formatted("use"));
        assertEquals(2, server.calls());
        assertTrue(item(reused, "api").cached());
        assertEquals(version(2), file(reused), "refresh overwrote the entry");
    }

    @Test
    void bypassNeitherReadsNorWrites() {
        answerWithVersion();
        run(ONE_ITEM.formatted("use"));

        JobRecord bypassed = run(ONE_ITEM.formatted("bypass"));
        assertEquals(2, server.calls(), "bypass must not read the existing entry");
        assertEquals(version(2), file(bypassed));

        JobRecord reused = run(ONE_ITEM.formatted("use"));
        assertEquals(2, server.calls());
        assertEquals(version(1), file(reused), "bypass must not have written its answer");
    }

    @Test
    void anUncachedAnswerIsNeverWrittenWhenItFails() {
        server.replies(request -> Reply.answer("no code block here, just prose"));
        JobRecord failed = run(ONE_ITEM.formatted("use"));
        assertEquals(JobStatus.FAILED, failed.status());
        assertEquals("PROVIDER_BAD_RESPONSE", item(failed, "api").error().code().name());

        answerWithVersion();
        JobRecord retried = run(ONE_ITEM.formatted("use"));
        assertEquals(2, server.calls(), "a bad answer must not have been cached");
        assertEquals(JobStatus.SUCCEEDED, retried.status());
    }

    @Test
    void everyLookupIsCountedForTheProviderAskedFailedCallsIncluded() {
        run(Batches.of(4, "{}"));
        run(Batches.of(4, "{}"));
        server.replies(request -> Reply.error(400, "the model refuses"));
        JobRecord failed = run(ONE_ITEM.formatted("use"));
        run(ONE_ITEM.formatted("bypass"));

        assertEquals(JobStatus.FAILED, failed.status());
        CacheCounts openai = pipeline.services().cache().stats(clock.instant()).join().byProvider().get("openai");
        assertEquals(4, openai.hits(), "the second run's lookups");
        assertEquals(5, openai.misses(), "the first run's, and the failed call's: a bypass is no lookup");
    }

    private static String file(JobRecord record) {
        return item(record, "api").files().get(0).content();
    }

    private static String version(int n) {
        return LoopbackOpenAiServer.rules("version-" + n);
    }
}
