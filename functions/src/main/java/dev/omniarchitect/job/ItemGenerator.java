package dev.omniarchitect.job;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.batch.BatchItem;
import dev.omniarchitect.batch.CacheMode;
import dev.omniarchitect.batch.ItemSettings;
import dev.omniarchitect.cache.CacheEntry;
import dev.omniarchitect.cache.CacheKey;
import dev.omniarchitect.cache.CacheStore;
import dev.omniarchitect.cost.PriceTable;
import dev.omniarchitect.json.CompressedJson;
import dev.omniarchitect.kind.AnswerParser;
import dev.omniarchitect.kind.Kind;
import dev.omniarchitect.kind.KindRegistry;
import dev.omniarchitect.limit.ProviderBusyException;
import dev.omniarchitect.log.StructuredLog;
import dev.omniarchitect.provider.Deadline;
import dev.omniarchitect.provider.ErrorCode;
import dev.omniarchitect.provider.HttpFailures;
import dev.omniarchitect.provider.ProviderAnswer;
import dev.omniarchitect.provider.ProviderException;
import dev.omniarchitect.provider.Usage;
import dev.omniarchitect.kind.RepairPrompt;
import dev.omniarchitect.kind.UserPrompt;
import dev.omniarchitect.provider.blueprint.BlueprintProvider;
import dev.omniarchitect.kinds.securityreview.SecurityReview;
import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.Severity;
import dev.omniarchitect.validation.ValidationReport;
import dev.omniarchitect.validation.ValidatorRegistry;
import java.util.ArrayList;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Generates one item of a job: cache lookup, the provider calls (retries and fallbacks) within the item's
 * deadline, answer parsing, cache write and result storage. Every path ends in a stored result and an
 * outcome; nothing thrown escapes, so one item can never lose the batch. Unusable answers are never cached.
 */
public final class ItemGenerator {

    /** Beyond the deadline, what storing the result may take before the item is cut off regardless. */
    private static final Duration STORAGE_GRACE = Duration.ofSeconds(15);

    private final JobStore jobs;
    private final ItemRequests requests;
    private final CacheStore cache;
    private final ProviderAttempts attempts;
    private final KindRegistry kinds;
    private final AnswerParser answers;
    private final CompressedJson codec;
    private final PriceTable prices;
    private final ValidatorRegistry validators;
    private final SecurityReview review;
    private final StructuredLog log;
    private final Clock clock;

    public ItemGenerator(JobStore jobs, CacheStore cache, ProviderAttempts attempts, KindRegistry kinds,
                         AnswerParser answers, CompressedJson codec, PriceTable prices, ValidatorRegistry validators,
                         SecurityReview review, StructuredLog log, Clock clock) {
        this.jobs = jobs;
        this.requests = new ItemRequests(jobs);
        this.cache = cache;
        this.attempts = attempts;
        this.kinds = kinds;
        this.answers = answers;
        this.codec = codec;
        this.prices = prices;
        this.validators = validators;
        this.review = review;
        this.log = log;
        this.clock = clock;
    }

    /** Generates the item and stores its result; the outcome is small enough for a state's output. */
    public CompletableFuture<ItemOutcome> generate(String jobId, String itemId) {
        return generate(jobId, itemId, null);
    }

    /**
     * As {@link #generate(String, String)}, with the item's deadline brought forward to {@code notAfter}
     * when that comes first (a sync call's budget); null for none.
     */
    public CompletableFuture<ItemOutcome> generate(String jobId, String itemId, Instant notAfter) {
        return generate(jobId, itemId, notAfter, null, Optional.empty());
    }

    /**
     * As {@link #generate(String, String, Instant)}, for an item the state machine may run more than once
     * while its provider is busy: its deadline counts from {@code firstStartedAt} (when given), and when its
     * first lease cannot be had within {@code patience} (when given) the outcome fails with
     * {@link ProviderBusyException}: nothing is stored and no attempt counted, the state machine waits and
     * runs the item again. Once the deadline has passed, the item ends with its timeout error.
     */
    public CompletableFuture<ItemOutcome> generate(String jobId, String itemId, Instant notAfter,
                                                   Instant firstStartedAt, Optional<Duration> patience) {
        long start = clock.millis();
        return requests.load(jobId, itemId)
                .thenCompose(item -> resultOf(jobId, item, start,
                                new Bounds(earliest(notAfter, firstStartedAt == null ? null
                                        : firstStartedAt.plusSeconds(item.settings().timeoutSeconds())), patience))
                        // The result is stored while the cache is written and the lookup counted.
                        .thenCompose(generated -> {
                            ItemResult result = generated.result().startingAt(Instant.ofEpochMilli(start));
                            return jobs.saveResult(jobId, result)
                                    .thenCombine(generated.cacheWrites(), (stored, written) -> result);
                        })
                        .orTimeout(Duration.ofSeconds(item.settings().timeoutSeconds()).plus(STORAGE_GRACE).toMillis(),
                                TimeUnit.MILLISECONDS))
                .thenApply(result -> {
                    log.info("item.finished", Map.of("jobId", jobId, "itemId", itemId,
                            "status", result.status().name(), "cached", result.cached(),
                            "provider", String.valueOf(result.provider()), "model", String.valueOf(result.model()),
                            "attempts", result.attempts().size(), "ms", result.durationMs(),
                            "errorCode", result.error() == null ? "" : result.error().code().name()));
                    return ItemOutcome.of(result, jobs.contentRef(jobId, itemId));
                })
                .exceptionally(error -> {
                    if (HttpFailures.unwrap(error) instanceof ProviderBusyException busy) {
                        log.info("item.provider_busy", Map.of("jobId", jobId, "itemId", itemId));
                        throw busy;
                    }
                    return storageFailure(jobId, itemId, start, error);
                });
    }

    /** The earlier of two instants, either of which may be null (none). */
    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    /**
     * How long an item may take and wait.
     *
     * @param notAfter  when its time is up, if before its own timeout from now; null for none
     * @param patience  the longest its first lease may be waited for here; empty: until the deadline
     */
    private record Bounds(Instant notAfter, Optional<Duration> patience) {
    }

    private CompletableFuture<Generated> resultOf(String jobId, BatchItem item, long start, Bounds bounds) {
        Kind kind = kinds.get(item.kind());
        ItemSettings settings = item.settings();
        CompletableFuture<Optional<CacheEntry>> lookup = settings.cache() == CacheMode.USE
                ? cache.find(CacheKey.of(item, kind), clock.instant()).exceptionally(error -> {
                    log.warn("cache.read_failed", Map.of("jobId", jobId, "itemId", item.id(),
                            "reason", HttpFailures.unwrap(error).getClass().getSimpleName()));
                    return Optional.empty();
                })
                : CompletableFuture.completedFuture(Optional.empty());
        return lookup.thenCompose(hit -> {
            // Counted for the provider asked, as the key is theirs, even if a fallback answers the miss.
            CompletableFuture<Void> counted = settings.cache() == CacheMode.USE
                    ? cache.countLookup(settings.provider(), hit.isPresent()) : Generated.NO_WRITES;
            if (hit.isPresent()) {
                return CompletableFuture.completedFuture(Generated.of(fromCache(item, kind, hit.get(), start))
                        .alongside(counted));
            }
            CompletableFuture<Void> calling = markCalling(jobId, item, start);
            return runProviders(jobId, item, kind, start, bounds)
                    .thenApply(result -> result.alongside(counted).alongside(calling));
        });
    }

    /**
     * Tells readers that the item now calls its provider. Written alongside the call, not before it, so a miss
     * waits for no extra round trip; the store's condition keeps a late marker from hiding the result. Not
     * for the blueprint provider, which answers in the process before anyone could read the marker, and
     * never the item's failure: a marker that could not be written only leaves the item shown as queued.
     */
    private CompletableFuture<Void> markCalling(String jobId, BatchItem item, long start) {
        if (BlueprintProvider.NAME.equals(item.settings().provider())) {
            return Generated.NO_WRITES;
        }
        return jobs.markCalling(jobId, item.id(), Instant.ofEpochMilli(start)).exceptionally(error -> {
            log.warn("item.calling_not_recorded", Map.of("jobId", jobId, "itemId", item.id(),
                    "reason", HttpFailures.unwrap(error).getClass().getSimpleName()));
            return null;
        });
    }

    private CompletableFuture<Generated> runProviders(String jobId, BatchItem item, Kind kind, long start,
                                                      Bounds bounds) {
        Instant notAfter = bounds.notAfter();
        Duration budget = Duration.ofSeconds(item.settings().timeoutSeconds());
        if (notAfter != null && Duration.between(clock.instant(), notAfter).compareTo(budget) < 0) {
            Duration left = Duration.between(clock.instant(), notAfter);
            budget = left.isNegative() ? Duration.ZERO : left;
        }
        Deadline deadline = Deadline.in(budget, clock);
        return attempts.run(jobId, item, kind, deadline, bounds.patience())
                .thenComposeAsync(outcome -> outcome.answer() == null
                        ? CompletableFuture.completedFuture(Generated.of(failed(item, outcome, start,
                                outcome.failure())))
                        : answered(jobId, item, kind, outcome, deadline, start), validators.executor());
    }

    private ItemResult fromCache(BatchItem item, Kind kind, CacheEntry entry, long start) {
        Double saved = prices.find(entry.provider(), entry.model()).map(price -> price.costOf(entry.usage()))
                .orElse(null);
        return new ItemResult(item.id(), item.kind(), statusOf(kind, entry.validation()), true, entry.provider(),
                entry.model(), List.of(), clock.millis() - start, entry.usage(), 0.0, saved, entry.files(), null,
                entry.validation(), entry.repaired(), CacheKey.of(item, kind));
    }

    /** The answer's files, checked: parsed, validated (or, for a review, merged with our findings), bounded. */
    private Checked check(BatchItem item, Kind kind, String provider, String text) {
        List<GeneratedFile> files = answers.parse(kind, text);
        if (files.isEmpty()) {
            return Checked.unusable(new ProviderException(ErrorCode.PROVIDER_BAD_RESPONSE, provider
                    + " sent a bad response: no fenced code block with a " + kind.name() + " file"));
        }
        ValidationReport report;
        if (kind.takesInput()) {
            Optional<ValidationReport> merged = review.merge(item.input(), files);
            if (merged.isEmpty()) {
                return Checked.unusable(new ProviderException(ErrorCode.PROVIDER_BAD_RESPONSE, provider
                        + " sent a bad response: no JSON array of findings"));
            }
            report = merged.get();
            files = List.of(review.asFile(report));
        } else {
            report = validators.supports(kind.name()) ? validators.validate(kind.name(), files)
                    : ValidationReport.of(List.of());
        }
        if (codec.encode(files).length > CompressedJson.MAX_STORED_BYTES) {
            return Checked.unusable(new ProviderException(ErrorCode.ANSWER_TOO_LARGE, "the answer's files exceed "
                    + CompressedJson.MAX_STORED_BYTES / 1024 + " KiB compressed; split the item or lower maxTokens"));
        }
        return new Checked(files, report, null);
    }

    private CompletableFuture<Generated> answered(String jobId, BatchItem item, Kind kind,
                                                   ProviderAttempts.Outcome outcome, Deadline deadline, long start) {
        ProviderAnswer answer = outcome.answer();
        Checked first = check(item, kind, outcome.provider(), answer.text());
        if (first.problem() != null) {
            return CompletableFuture.completedFuture(Generated.of(failed(item, outcome, start, first.problem())));
        }
        Kept initial = new Kept(first, answer.model(), answer.usage(), outcome.attempts(), false,
                outcome.leaseWaitMs());
        CompletableFuture<Kept> kept = needsRepair(item, kind, outcome.provider(), first, deadline)
                ? repair(jobId, item, kind, outcome, first, deadline, initial)
                : CompletableFuture.completedFuture(initial);
        return kept.thenApply(chosen -> store(jobId, item, kind, outcome, chosen, start));
    }

    /** One repair round: only for AI answers with errors, when asked for, with time left. */
    private boolean needsRepair(BatchItem item, Kind kind, String provider, Checked first, Deadline deadline) {
        return !first.report().ok() && item.settings().repair() && !BlueprintProvider.NAME.equals(provider)
                && !kind.takesInput() && !deadline.remaining().isZero();
    }

    private CompletableFuture<Kept> repair(String jobId, BatchItem item, Kind kind, ProviderAttempts.Outcome outcome,
                                           Checked first, Deadline deadline, Kept initial) {
        List<Finding> errors = first.report().findings().stream()
                .filter(finding -> finding.severity() == Severity.ERROR).toList();
        String message = RepairPrompt.of(UserPrompt.of(item.prompt(), item.params(), item.input()), first.files(),
                errors);
        return attempts.ask(jobId, item, kind, deadline, outcome.provider(), outcome.model(), message)
                .thenApplyAsync(second -> {
                    List<Attempt> all = new ArrayList<>(outcome.attempts());
                    all.addAll(second.attempts());
                    long waited = initial.leaseWaitMs() + second.leaseWaitMs();
                    if (second.answer() == null) {
                        return new Kept(first, initial.model(), initial.usage(), all, false, waited);
                    }
                    Usage usage = initial.usage().plus(second.answer().usage());
                    Checked again = check(item, kind, outcome.provider(), second.answer().text());
                    boolean better = again.problem() == null
                            && again.report().errorCount() < first.report().errorCount();
                    log.info("item.repaired", Map.of("jobId", jobId, "itemId", item.id(),
                            "errorsBefore", first.report().errorCount(),
                            "errorsAfter", again.problem() == null ? again.report().errorCount() : -1,
                            "kept", better ? "repair" : "first"));
                    return better ? new Kept(again, second.answer().model(), usage, all, true, waited)
                            : new Kept(first, initial.model(), usage, all, false, waited);
                }, validators.executor());
    }

    /** The item's result, and the cache write it starts (none when the cache is bypassed). */
    private Generated store(String jobId, BatchItem item, Kind kind,
                                                ProviderAttempts.Outcome outcome, Kept kept, long start) {
        String provider = outcome.provider();
        // Cached under the provider and model that were asked and answered, as a later lookup asks them:
        // a fallback's answer must not stand in for the primary's.
        BatchItem served = servedBy(item, provider, outcome.model());
        Instant now = clock.instant();
        List<GeneratedFile> files = kept.checked().files();
        ValidationReport report = kept.checked().report();
        String cacheKey = item.settings().cache() == CacheMode.BYPASS ? null : CacheKey.of(served, kind);
        CompletableFuture<Void> write = cacheKey == null
                ? Generated.NO_WRITES
                : cache.put(new CacheEntry(cacheKey, provider, kept.model(), kind.name(), files,
                        kept.usage(), now, now.plusSeconds(item.settings().cacheTtlSeconds()), report, kept.repaired()))
                .exceptionally(error -> {
                    log.warn("cache.write_failed", Map.of("jobId", jobId, "itemId", item.id(),
                            "reason", HttpFailures.unwrap(error).getClass().getSimpleName()));
                    return null;
                });
        // Priced by the model that answered (which the provider names), never by a guess.
        Double cost = prices.find(provider, kept.model()).map(p -> p.costOf(kept.usage())).orElse(null);
        return new Generated(new ItemResult(item.id(), item.kind(), statusOf(kind, report), false, provider,
                kept.model(), kept.attempts(), clock.millis() - start, kept.usage(), cost, null, files, null, report,
                kept.repaired(), cacheKey, kept.leaseWaitMs()), write);
    }

    /** INVALID when the files have errors; a review's findings are its product, not a defect of it. */
    private static ItemStatus statusOf(Kind kind, ValidationReport report) {
        return report == null || report.ok() || kind.takesInput()
                ? ItemStatus.SUCCEEDED : ItemStatus.INVALID;
    }

    private static BatchItem servedBy(BatchItem item, String provider, String model) {
        ItemSettings s = item.settings();
        if (s.provider().equals(provider) && s.model().equals(model)) {
            return item;
        }
        return new BatchItem(item.id(), item.kind(), item.prompt(), item.params(), new ItemSettings(provider, model,
                s.temperature(), s.maxTokens(), s.timeoutSeconds(), s.cache(), s.cacheTtlSeconds(), s.maxAttempts(),
                List.of()));
    }

    private ItemResult failed(BatchItem item, ProviderAttempts.Outcome outcome, long start, ProviderException failure) {
        String provider = outcome.provider() != null ? outcome.provider() : item.settings().provider();
        String model = outcome.model() != null ? outcome.model() : item.settings().model();
        Usage usage = outcome.answer() == null ? Usage.NONE : outcome.answer().usage();
        Double cost = usage.equals(Usage.NONE) ? Double.valueOf(0.0)
                : prices.find(provider, model).map(p -> p.costOf(usage)).orElse(null);
        return new ItemResult(item.id(), item.kind(), ItemStatus.FAILED, false, provider, model, outcome.attempts(),
                clock.millis() - start, usage, cost, null, List.of(), new ItemError(failure.code(), failure.getMessage()),
                null, false, null, outcome.leaseWaitMs());
    }

    private ItemOutcome storageFailure(String jobId, String itemId, long start, Throwable error) {
        Throwable cause = HttpFailures.unwrap(error);
        ItemError itemError = cause instanceof ProviderException known
                ? new ItemError(known.code(), known.getMessage())
                : cause instanceof java.util.concurrent.TimeoutException
                ? new ItemError(ErrorCode.STORAGE_UNAVAILABLE, "the result could not be stored in time")
                : new ItemError(ErrorCode.STORAGE_UNAVAILABLE, "the job store could not be read or written: "
                        + cause.getClass().getSimpleName());
        log.error("item.storage_failed", Map.of("jobId", jobId, "itemId", itemId,
                "errorCode", itemError.code().name(), "reason", cause.getClass().getSimpleName()));
        return ItemOutcome.unstored(itemId, clock.millis() - start, itemError);
    }

    /** An answer's files and their report, or why the answer cannot be used. */
    private record Checked(List<GeneratedFile> files, ValidationReport report, ProviderException problem) {
        static Checked unusable(ProviderException problem) {
            return new Checked(List.of(), null, problem);
        }
    }

    /**
     * An item's result and the cache writes it started, which need not end before the result is stored:
     * both are awaited before the item is done, as Lambda freezes whatever is still running after it.
     */
    private record Generated(ItemResult result, CompletableFuture<Void> cacheWrites) {

        static final CompletableFuture<Void> NO_WRITES = CompletableFuture.completedFuture(null);

        static Generated of(ItemResult result) {
            return new Generated(result, NO_WRITES);
        }

        Generated alongside(CompletableFuture<Void> more) {
            return new Generated(result, CompletableFuture.allOf(cacheWrites, more));
        }
    }

    /** The answer kept for the item, with everything its calls used. */
    private record Kept(Checked checked, String model, Usage usage, List<Attempt> attempts, boolean repaired,
                        long leaseWaitMs) {
    }
}
