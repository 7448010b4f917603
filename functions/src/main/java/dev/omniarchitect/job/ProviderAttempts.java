package dev.omniarchitect.job;

import dev.omniarchitect.batch.BatchItem;
import dev.omniarchitect.kind.Kind;
import dev.omniarchitect.kind.UserPrompt;
import dev.omniarchitect.limit.Lease;
import dev.omniarchitect.limit.ProviderBusyException;
import dev.omniarchitect.limit.ProviderLimiter;
import dev.omniarchitect.log.StructuredLog;
import dev.omniarchitect.provider.Deadline;
import dev.omniarchitect.provider.ErrorCode;
import dev.omniarchitect.provider.HttpFailures;
import dev.omniarchitect.provider.Provider;
import dev.omniarchitect.provider.ProviderAnswer;
import dev.omniarchitect.provider.ProviderException;
import dev.omniarchitect.provider.ProviderRegistry;
import dev.omniarchitect.provider.ProviderRequest;
import dev.omniarchitect.provider.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An item's provider calls: the item's provider with retries (backoff with full jitter, or the wait the
 * provider asked for), then each fallback provider in turn, all inside the item's deadline, every call
 * recorded. Each call first takes a lease of its provider's shared limit ({@link ProviderLimiter}): waiting
 * for one is not an attempt, only time spent within the same deadline, and is recorded as the item's lease
 * wait. Waits are scheduled, never slept, so no thread is held between attempts. A call's tokens are
 * estimated before it ({@link #CHARS_PER_TOKEN} characters of prompt a token, plus the most it may answer)
 * for the provider's token budget, and its reported usage corrects the estimate after it.
 */
public final class ProviderAttempts {

    /** About how many characters of prompt make a token, for the estimate a call spends from a token budget. */
    static final int CHARS_PER_TOKEN = 4;

    private final ProviderRegistry providers;
    private final ProviderLimiter limiter;
    private final RetryPolicy retries;
    private final StructuredLog log;
    private final Clock clock;

    public ProviderAttempts(ProviderRegistry providers, ProviderLimiter limiter, RetryPolicy retries,
                            StructuredLog log, Clock clock) {
        this.providers = providers;
        this.limiter = limiter;
        this.retries = retries;
        this.log = log;
        this.clock = clock;
    }

    /**
     * How the calls ended.
     *
     * @param answer    the answer, or null when every provider failed
     * @param provider  who answered, or the last provider tried
     * @param model     the model asked
     * @param attempts  every call, in order
     * @param failure   why there is no answer; null with an answer
     * @param leaseWaitMs  time spent waiting for the providers' shared limits, all calls together
     */
    public record Outcome(ProviderAnswer answer, String provider, String model, List<Attempt> attempts,
                          ProviderException failure, long leaseWaitMs) {
    }

    /** Calls the item's providers until one answers, the failures stop being worth retrying, or time is up. */
    public CompletableFuture<Outcome> run(String jobId, BatchItem item, Kind kind, Deadline deadline) {
        return run(jobId, item, kind, deadline, Optional.empty());
    }

    /**
     * As {@link #run(String, BatchItem, Kind, Deadline)}, but the first call waits for its lease at most
     * {@code patience} (when given): a longer wait fails the run with
     * {@link dev.omniarchitect.limit.ProviderBusyException} before any call, so the caller can wait elsewhere.
     * Once a call is made, later leases are waited for within the deadline, as the item's attempts so far are
     * only known here.
     */
    public CompletableFuture<Outcome> run(String jobId, BatchItem item, Kind kind, Deadline deadline,
                                          Optional<Duration> patience) {
        List<Candidate> candidates = new ArrayList<>();
        candidates.add(new Candidate(item.settings().provider(), item.settings().model()));
        for (String fallback : item.settings().fallback()) {
            candidates.add(new Candidate(fallback, providers.find(fallback).map(Provider::defaultModel).orElse("")));
        }
        return candidate(new Run(jobId, item, kind, deadline, candidates,
                UserPrompt.of(item.prompt(), item.params(), item.input()),
                Collections.synchronizedList(new ArrayList<>()), new AtomicLong(), patience), 0, null);
    }

    /**
     * One more question to the provider that answered (with its retries, no fallback), within what is
     * left of the deadline: the repair round, which sends back the first answer's files and findings.
     */
    public CompletableFuture<Outcome> ask(String jobId, BatchItem item, Kind kind, Deadline deadline, String provider,
                                          String model, String userPrompt) {
        return candidate(new Run(jobId, item, kind, deadline, List.of(new Candidate(provider, model)), userPrompt,
                Collections.synchronizedList(new ArrayList<>()), new AtomicLong(), Optional.empty()), 0, null);
    }

    private CompletableFuture<Outcome> candidate(Run run, int index, ProviderException previous) {
        if (index >= run.candidates.size() || run.deadline.remaining().isZero()) {
            Candidate last = run.candidates.get(Math.max(0, Math.min(index, run.candidates.size()) - 1));
            return CompletableFuture.completedFuture(run.failed(last, previous != null ? previous
                    : timeUp(run)));
        }
        Candidate candidate = run.candidates.get(index);
        Optional<Provider> provider = providers.find(candidate.provider).filter(Provider::isConfigured);
        if (provider.isEmpty()) {
            ProviderException notConfigured = new ProviderException(ErrorCode.PROVIDER_NOT_CONFIGURED, "provider "
                    + candidate.provider + " is " + providers.find(candidate.provider)
                    .map(Provider::configurationSource).orElse("unknown"), true, null, null);
            run.attempts.add(new Attempt(candidate.provider, candidate.model, notConfigured.code().name(), 0));
            return candidate(run, index + 1, notConfigured);
        }
        return attempt(run, index, provider.get(), 1);
    }

    private CompletableFuture<Outcome> attempt(Run run, int index, Provider provider, int number) {
        Optional<Duration> patience = run.attempts.isEmpty() ? run.patience : Optional.empty();
        return limiter.acquire(provider.name(), estimatedTokens(run), run.deadline, patience).handle((lease, refused) -> {
            if (refused != null && HttpFailures.unwrap(refused) instanceof ProviderBusyException busy) {
                // Busy before the item's first call: not an attempt, the caller waits elsewhere.
                return CompletableFuture.<Outcome>failedFuture(busy);
            }
            if (refused != null) {
                // No capacity before the deadline: the item's time is up, without another call.
                ProviderException failure = HttpFailures.forThrowable(provider.name(), refused);
                return CompletableFuture.completedFuture(run.failed(run.candidates.get(index), failure));
            }
            run.leaseWaitMs.addAndGet(lease.waitedMs());
            if (lease.waitedMs() > 0) {
                log.info("provider.lease_waited", Map.of("jobId", run.jobId, "itemId", run.item.id(),
                        "provider", provider.name(), "ms", lease.waitedMs()));
            }
            return call(run, index, provider, number, lease);
        }).thenCompose(outcome -> outcome);
    }

    private CompletableFuture<Outcome> call(Run run, int index, Provider provider, int number, Lease lease) {
        Candidate candidate = run.candidates.get(index);
        Duration left = run.deadline.remaining();
        ProviderRequest request = new ProviderRequest(run.kind, candidate.model,
                run.userPrompt, run.item.params(),
                run.item.settings().temperature(), run.item.settings().maxTokens(), left);
        long start = clock.millis();
        CompletableFuture<ProviderAnswer> call;
        try {
            call = provider.generate(request);
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        return call.orTimeout(Math.max(1, left.toMillis()), TimeUnit.MILLISECONDS)
                .handle((answer, error) -> {
                    long ms = clock.millis() - start;
                    if (error == null) {
                        run.attempts.add(new Attempt(provider.name(), candidate.model, Attempt.OK, ms));
                        Outcome answered = new Outcome(answer, provider.name(), candidate.model,
                                List.copyOf(run.attempts), null, run.leaseWaitMs.get());
                        // Given back (or handed on) before the item goes on: Lambda freezes whatever still runs
                        // after its handler returns, and the usage must correct the token budget meanwhile.
                        return limiter.release(lease, answer).handle((given, ignored) -> answered);
                    }
                    ProviderException failure = HttpFailures.forThrowable(provider.name(), error);
                    // Given back before the retry waits, with the throttle written, so the retry sees the pause.
                    CompletableFuture<Void> released = limiter.release(lease, failure);
                    if (failure.code() == ErrorCode.PROVIDER_TIMEOUT && run.deadline.remaining().isZero()) {
                        failure = timeUp(run);
                    }
                    run.attempts.add(new Attempt(provider.name(), candidate.model, failure.code().name(), ms));
                    log.warn("provider.attempt_failed", Map.of("jobId", run.jobId, "itemId", run.item.id(),
                            "provider", provider.name(), "model", candidate.model, "attempt", number,
                            "errorCode", failure.code().name(), "message", failure.getMessage(), "ms", ms));
                    ProviderException failed = failure;
                    return released.handle((done, ignored) -> null)
                            .thenCompose(done -> next(run, index, provider, number, failed,
                                    lease.held() && failed.throttled()));
                })
                .thenCompose(outcome -> outcome);
    }

    /**
     * After a failed call: another attempt after the wait, the next provider, or the end. A throttle whose
     * wait the shared limit stored as the provider's pause is waited out there, by the next lease, so that
     * the item waits with every other caller and not again on its own.
     */
    private CompletableFuture<Outcome> next(Run run, int index, Provider provider, int number,
                                           ProviderException failure, boolean pausedProviderWide) {
        Optional<Duration> wait = retries.delayAfter(failure, number);
        if (pausedProviderWide && failure.retryAfter().isPresent() && wait.isPresent()
                && run.deadline.allows(wait.get())) {
            wait = Optional.of(Duration.ZERO);
        }
        if (wait.isPresent() && number < run.item.settings().maxAttempts() && run.deadline.allows(wait.get())) {
            return CompletableFuture.supplyAsync(() -> null,
                            CompletableFuture.delayedExecutor(wait.get().toMillis(), TimeUnit.MILLISECONDS))
                    .thenCompose(waited -> attempt(run, index, provider, number + 1));
        }
        if (failure.retryable() && index + 1 < run.candidates.size()) {
            return candidate(run, index + 1, failure);
        }
        return CompletableFuture.completedFuture(run.failed(run.candidates.get(index), failure));
    }

    /** The tokens a call of the run may use: its prompts' characters in tokens, plus the most it may answer. */
    private static long estimatedTokens(Run run) {
        long promptChars = run.kind.systemPrompt().length() + (long) run.userPrompt.length();
        return promptChars / CHARS_PER_TOKEN + run.item.settings().maxTokens();
    }

    private static ProviderException timeUp(Run run) {
        return new ProviderException(ErrorCode.PROVIDER_TIMEOUT, "no answer within the item's "
                + run.item.settings().timeoutSeconds() + " s deadline", false, null, null);
    }

    private record Candidate(String provider, String model) {
    }

    private record Run(String jobId, BatchItem item, Kind kind, Deadline deadline, List<Candidate> candidates,
                       String userPrompt, List<Attempt> attempts, AtomicLong leaseWaitMs,
                       Optional<Duration> patience) {

        Outcome failed(Candidate last, ProviderException failure) {
            return new Outcome(null, last.provider, last.model, List.copyOf(attempts), failure, leaseWaitMs.get());
        }
    }
}
