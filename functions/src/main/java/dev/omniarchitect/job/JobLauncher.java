package dev.omniarchitect.job;

import dev.omniarchitect.json.ContentHash;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Starts each job once per client token: a new token starts a new job; the same token with the same
 * body gets the job it started before; the same token with another body is a conflict. Without a token
 * every submission is a new job.
 */
public final class JobLauncher {

    /**
     * A claim older than this whose job does not exist was left by a request that died before storing it
     * (ApiFunction's timeout is 30 s): a retry may take the token over.
     */
    static final Duration STALE_CLAIM = Duration.ofMinutes(2);

    private final JobStore jobs;
    private final ClientTokens tokens;
    private final JobIds ids;
    private final Clock clock;

    public JobLauncher(JobStore jobs, ClientTokens tokens, JobIds ids, Clock clock) {
        this.jobs = jobs;
        this.tokens = tokens;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Starts a job under a fresh id with {@code start}, unless the token already started one, which
     * {@code replay} then reads.
     *
     * @param owner        who submits: a token binds jobs within one owner's submissions only, so nobody
     *                     reaches another's job by sending the same token
     * @param clientToken  the token, or null for none
     * @param bodyHash     what identifies the body for that token
     */
    public <T> CompletableFuture<Launch<T>> launch(Owner owner, String clientToken, String bodyHash,
                                                   Function<String, CompletableFuture<T>> start,
                                                   Function<String, CompletableFuture<T>> replay) {
        String jobId = ids.next();
        if (clientToken == null) {
            return start.apply(jobId).thenApply(value -> new Launch.Started<>(jobId, value));
        }
        TokenClaim mine = new TokenClaim(scoped(owner, clientToken), bodyHash, jobId, clock.instant());
        return tokens.claim(mine)
                .exceptionallyCompose(error -> CompletableFuture.failedFuture(
                        ExecutionRefusedException.ifStoreUnavailable(error)))
                .thenCompose(held -> held.isEmpty()
                        ? startClaimed(mine, start)
                        : repeat(mine, held.get(), start, replay));
    }

    /** The token as stored: the local user's as sent, anyone else's behind a digest of the owner. */
    static String scoped(Owner owner, String clientToken) {
        if (owner.equals(Owner.LOCAL)) {
            return clientToken;
        }
        return ContentHash.ofText(owner.id()).substring(0, 24) + "/" + clientToken;
    }

    private <T> CompletableFuture<Launch<T>> repeat(TokenClaim mine, TokenClaim held,
                                                    Function<String, CompletableFuture<T>> start,
                                                    Function<String, CompletableFuture<T>> replay) {
        if (!held.bodyHash().equals(mine.bodyHash())) {
            return CompletableFuture.completedFuture(new Launch.Conflict<>(held.jobId(), Launch.Reason.OTHER_BODY));
        }
        return jobs.loadJob(held.jobId()).thenCompose(job -> {
            if (job.isPresent()) {
                return replay.apply(held.jobId()).thenApply(value -> new Launch.Replayed<>(held.jobId(), value));
            }
            if (held.claimedAt().plus(STALE_CLAIM).isAfter(clock.instant())) {
                return CompletableFuture.completedFuture(
                        new Launch.Conflict<>(held.jobId(), Launch.Reason.IN_PROGRESS));
            }
            return tokens.replace(held, mine).thenCompose(replaced -> replaced
                    ? startClaimed(mine, start)
                    : CompletableFuture.completedFuture(new Launch.Conflict<>(held.jobId(),
                            Launch.Reason.IN_PROGRESS)));
        });
    }

    private <T> CompletableFuture<Launch<T>> startClaimed(TokenClaim claim, Function<String, CompletableFuture<T>> start) {
        return start.apply(claim.jobId())
                .<Launch<T>>thenApply(value -> new Launch.Started<>(claim.jobId(), value))
                // The token must not stay bound to a job that never started.
                .exceptionallyCompose(error -> tokens.release(claim)
                        .thenCompose(released -> CompletableFuture.<Launch<T>>failedFuture(error)));
    }
}
