package dev.omniarchitect.local.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omniarchitect.batch.BatchDocument;
import dev.omniarchitect.batch.BatchItem;
import dev.omniarchitect.batch.CacheMode;
import dev.omniarchitect.batch.ItemSettings;
import dev.omniarchitect.job.ClientTokens;
import dev.omniarchitect.job.JobIds;
import dev.omniarchitect.job.JobLauncher;
import dev.omniarchitect.job.Launch;
import dev.omniarchitect.job.Owner;
import dev.omniarchitect.job.TokenClaim;
import dev.omniarchitect.job.dynamodb.DynamoDbClientTokens;
import dev.omniarchitect.job.dynamodb.DynamoDbJobStore;
import dev.omniarchitect.json.CompressedJson;
import dev.omniarchitect.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Client tokens in the jobs table: one claim wins, whatever the concurrency; stale claims can be taken over. */
class ClientTokensTest extends DynamoDbLocalTestBase {

    private ClientTokens tokens;
    private DynamoDbJobStore jobs;

    @BeforeEach
    void emptyTables() {
        String table = freshTables()[1];
        tokens = new DynamoDbClientTokens(aws.dynamoDb(), table, Duration.ofDays(30));
        jobs = new DynamoDbJobStore(aws.dynamoDb(), table, Duration.ofDays(30), Json.mapper(),
                new CompressedJson(Json.mapper()), Clock.systemUTC());
    }

    @Test
    void theFirstClaimWinsAndLaterOnesSeeIt() {
        Instant now = Instant.parse("2026-11-26T10:00:00Z");
        TokenClaim first = new TokenClaim("t-first", "hash-a", "20261126-100000-00000001", now);
        assertTrue(tokens.claim(first).join().isEmpty());
        assertEquals(first, tokens.claim(new TokenClaim("t-first", "hash-b", "20261126-100000-00000002",
                now.plusSeconds(1))).join().orElseThrow());

        TokenClaim fresh = new TokenClaim("t-first", "hash-a", "20261126-100500-00000003", now.plusSeconds(300));
        assertFalse(tokens.replace(new TokenClaim("t-first", "hash-a", "20261126-000000-ffffffff", now), fresh).join(),
                "only the claim still held can be replaced");
        assertTrue(tokens.replace(first, fresh).join());
        assertEquals(fresh, tokens.claim(first).join().orElseThrow());

        tokens.release(first).join();
        assertEquals(fresh, tokens.claim(first).join().orElseThrow(), "release frees only its own claim");
        tokens.release(fresh).join();
        assertTrue(tokens.claim(first).join().isEmpty(), "released: free again");
    }

    @Test
    void concurrentSubmissionsWithOneTokenStartOneJob() {
        JobLauncher launcher = new JobLauncher(jobs, tokens, new JobIds(Clock.systemUTC()), Clock.systemUTC());
        BatchDocument document = new BatchDocument(List.of(new BatchItem("a", "dockerfile", "p", null,
                new ItemSettings("blueprint", "blueprint-v1", 0.2, 4096, 60, CacheMode.USE, 60, 3, List.of()))));
        AtomicInteger started = new AtomicInteger();
        List<CompletableFuture<Launch<String>>> launches = IntStream.range(0, 8)
                .mapToObj(i -> launcher.launch(Owner.LOCAL, "t-concurrent", "hash", jobId -> {
                    started.incrementAndGet();
                    return jobs.create(jobId, document, Owner.LOCAL, Instant.now()).thenApply(created -> "new");
                }, jobId -> CompletableFuture.completedFuture("again")))
                .toList();

        List<Launch<String>> results = launches.stream().map(CompletableFuture::join).toList();

        assertEquals(1, started.get(), "exactly one job is started");
        String jobId = results.stream().filter(Launch.Started.class::isInstance).findFirst().orElseThrow().jobId();
        for (Launch<String> launch : results) {
            assertEquals(jobId, launch.jobId());
            assertTrue(!(launch instanceof Launch.Conflict<String> conflict)
                    || conflict.reason() == Launch.Reason.IN_PROGRESS, launch.toString());
        }
        assertTrue(launcher.launch(Owner.LOCAL, "t-concurrent", "hash", id -> CompletableFuture.completedFuture("new"),
                id -> CompletableFuture.completedFuture("again")).join() instanceof Launch.Replayed<String>);
        Launch<String> other = launcher.launch(Owner.LOCAL, "t-concurrent", "other", id -> CompletableFuture.completedFuture("new"),
                id -> CompletableFuture.completedFuture("again")).join();
        assertEquals(new Launch.Conflict<>(jobId, Launch.Reason.OTHER_BODY), other);
    }

    @Test
    void aJobThatFailedToStartFreesItsToken() {
        JobLauncher launcher = new JobLauncher(jobs, tokens, new JobIds(Clock.systemUTC()), Clock.systemUTC());
        CompletableFuture<Launch<String>> failed = launcher.launch(Owner.LOCAL, "t-failing", "hash",
                jobId -> CompletableFuture.failedFuture(new IllegalStateException("executions unavailable")),
                jobId -> CompletableFuture.completedFuture("again"));
        assertTrue(failed.isCompletedExceptionally() || failed.handle((ok, error) -> error != null).join());

        Launch<String> retried = launcher.launch(Owner.LOCAL, "t-failing", "hash", jobId -> CompletableFuture.completedFuture("new"),
                jobId -> CompletableFuture.completedFuture("again")).join();
        assertTrue(retried instanceof Launch.Started<String>, "the retry starts the job: " + retried);
    }
}
