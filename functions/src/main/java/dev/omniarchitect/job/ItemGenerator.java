package dev.omniarchitect.job;

import dev.omniarchitect.json.CompressedJson;
import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.batch.BatchItem;
import dev.omniarchitect.batch.CacheMode;
import dev.omniarchitect.batch.ItemSettings;
import dev.omniarchitect.cache.CacheEntry;
import dev.omniarchitect.cache.CacheKey;
import dev.omniarchitect.cache.CacheStore;
import dev.omniarchitect.kind.AnswerParser;
import dev.omniarchitect.kind.Kind;
import dev.omniarchitect.kind.KindRegistry;
import dev.omniarchitect.kind.UserPrompt;
import dev.omniarchitect.log.StructuredLog;
import dev.omniarchitect.provider.ErrorCode;
import dev.omniarchitect.provider.HttpFailures;
import dev.omniarchitect.provider.Provider;
import dev.omniarchitect.provider.ProviderAnswer;
import dev.omniarchitect.provider.ProviderException;
import dev.omniarchitect.provider.ProviderRegistry;
import dev.omniarchitect.provider.ProviderRequest;
import dev.omniarchitect.provider.Usage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Generates one item of a job: cache lookup, the provider call within the item's deadline, answer
 * parsing, cache write and result storage. Every path ends in a stored result and an outcome; nothing
 * thrown escapes, so one item can never lose the batch.
 */
public final class ItemGenerator {

    private final JobStore jobs;
    private final CacheStore cache;
    private final ProviderRegistry providers;
    private final KindRegistry kinds;
    private final AnswerParser answers;
    private final CompressedJson codec;
    private final StructuredLog log;
    private final Clock clock;

    public ItemGenerator(JobStore jobs, CacheStore cache, ProviderRegistry providers, KindRegistry kinds,
                         AnswerParser answers, CompressedJson codec, StructuredLog log, Clock clock) {
        this.jobs = jobs;
        this.cache = cache;
        this.providers = providers;
        this.kinds = kinds;
        this.answers = answers;
        this.codec = codec;
        this.log = log;
        this.clock = clock;
    }

    /** Generates the item and stores its result; the outcome is small enough for a state's output. */
    public CompletableFuture<ItemOutcome> generate(String jobId, String itemId) {
        long start = clock.millis();
        return jobs.loadItem(jobId, itemId)
                .thenCompose(item -> resultOf(jobId, item, start)
                        .thenCompose(result -> jobs.saveResult(jobId, result).thenApply(stored -> result)))
                .thenApply(result -> {
                    log.info("item.finished", Map.of("jobId", jobId, "itemId", itemId,
                            "status", result.status().name(), "cached", result.cached(),
                            "provider", result.provider(), "model", result.model(), "ms", result.durationMs(),
                            "errorCode", result.error() == null ? "" : result.error().code().name()));
                    return ItemOutcome.of(result, jobs.contentRef(jobId, itemId));
                })
                .exceptionally(error -> storageFailure(jobId, itemId, start, error));
    }

    private CompletableFuture<ItemResult> resultOf(String jobId, BatchItem item, long start) {
        Kind kind = kinds.get(item.kind());
        String key = CacheKey.of(item, kind);
        ItemSettings settings = item.settings();
        CompletableFuture<Optional<CacheEntry>> lookup = settings.cache() == CacheMode.USE
                ? cache.find(key, clock.instant()).exceptionally(error -> {
                    log.warn("cache.read_failed", Map.of("jobId", jobId, "itemId", item.id(),
                            "reason", HttpFailures.unwrap(error).getClass().getSimpleName()));
                    return Optional.empty();
                })
                : CompletableFuture.completedFuture(Optional.empty());
        return lookup.thenCompose(hit -> hit.isPresent()
                ? CompletableFuture.completedFuture(fromCache(item, hit.get(), start))
                : fromProvider(jobId, item, kind, key, start));
    }

    private ItemResult fromCache(BatchItem item, CacheEntry entry, long start) {
        return new ItemResult(item.id(), item.kind(), ItemStatus.SUCCEEDED, true, entry.provider(), entry.model(),
                List.of(), clock.millis() - start, entry.usage(), entry.files(), null);
    }

    private CompletableFuture<ItemResult> fromProvider(String jobId, BatchItem item, Kind kind, String key, long start) {
        ItemSettings settings = item.settings();
        Optional<Provider> found = providers.find(settings.provider());
        if (found.isEmpty() || !found.get().isConfigured()) {
            String why = found.map(Provider::configurationSource).orElse("unknown provider");
            return CompletableFuture.completedFuture(failed(item, start, List.of(), new ProviderException(
                    ErrorCode.PROVIDER_NOT_CONFIGURED, "provider " + settings.provider() + " is " + why)));
        }
        Provider provider = found.get();
        Duration deadline = Duration.ofSeconds(settings.timeoutSeconds());
        ProviderRequest request = new ProviderRequest(kind, settings.model(), UserPrompt.of(item.prompt(), item.params()),
                item.params(), settings.temperature(), settings.maxTokens(), deadline);
        long callStart = clock.millis();
        CompletableFuture<ProviderAnswer> call;
        try {
            call = provider.generate(request);
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        return call
                .orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .handle((answer, error) -> {
                    long callMs = clock.millis() - callStart;
                    if (error != null) {
                        ProviderException failure = HttpFailures.forThrowable(provider.name(), error);
                        if (failure.code() == ErrorCode.PROVIDER_TIMEOUT) {
                            failure = new ProviderException(ErrorCode.PROVIDER_TIMEOUT, provider.name()
                                    + " gave no answer within the item's " + settings.timeoutSeconds() + " s deadline");
                        }
                        return CompletableFuture.completedFuture(failed(item, start,
                                List.of(new Attempt(provider.name(), settings.model(), failure.code().name(), callMs)),
                                failure));
                    }
                    return succeeded(jobId, item, kind, key, answer, provider.name(), start, callMs);
                })
                .thenCompose(result -> result);
    }

    private CompletableFuture<ItemResult> succeeded(String jobId, BatchItem item, Kind kind, String key,
                                                    ProviderAnswer answer, String provider, long start, long callMs) {
        List<GeneratedFile> files = answers.parse(kind, answer.text());
        Optional<ProviderException> problem = Optional.empty();
        if (files.isEmpty()) {
            problem = Optional.of(new ProviderException(ErrorCode.PROVIDER_BAD_RESPONSE,
                    provider + " sent a bad response: no fenced code block with a " + kind.name() + " file"));
        } else if (codec.encode(files).length > CompressedJson.MAX_STORED_BYTES) {
            problem = Optional.of(new ProviderException(ErrorCode.ANSWER_TOO_LARGE, "the answer's files exceed "
                    + CompressedJson.MAX_STORED_BYTES / 1024 + " KiB compressed; split the item or lower maxTokens"));
        }
        if (problem.isPresent()) {
            return CompletableFuture.completedFuture(failed(item, start,
                    List.of(new Attempt(provider, answer.model(), problem.get().code().name(), callMs)), problem.get()));
        }
        Instant now = clock.instant();
        CompletableFuture<Void> write = item.settings().cache() == CacheMode.BYPASS
                ? CompletableFuture.completedFuture(null)
                : cache.put(new CacheEntry(key, provider, answer.model(), kind.name(), files, answer.usage(), now,
                        now.plusSeconds(item.settings().cacheTtlSeconds())))
                .exceptionally(error -> {
                    log.warn("cache.write_failed", Map.of("jobId", jobId, "itemId", item.id(),
                            "reason", HttpFailures.unwrap(error).getClass().getSimpleName()));
                    return null;
                });
        return write.thenApply(written -> new ItemResult(item.id(), item.kind(), ItemStatus.SUCCEEDED, false,
                provider, answer.model(), List.of(new Attempt(provider, answer.model(), Attempt.OK, callMs)),
                clock.millis() - start, answer.usage(), files, null));
    }

    private ItemResult failed(BatchItem item, long start, List<Attempt> attempts, ProviderException failure) {
        return new ItemResult(item.id(), item.kind(), ItemStatus.FAILED, false, item.settings().provider(),
                item.settings().model(), attempts, clock.millis() - start, Usage.NONE, List.of(),
                new ItemError(failure.code(), failure.getMessage()));
    }

    private ItemOutcome storageFailure(String jobId, String itemId, long start, Throwable error) {
        Throwable cause = HttpFailures.unwrap(error);
        ItemError itemError = cause instanceof ProviderException known
                ? new ItemError(known.code(), known.getMessage())
                : new ItemError(ErrorCode.STORAGE_UNAVAILABLE, "the job store could not be read or written: "
                        + cause.getClass().getSimpleName());
        log.error("item.storage_failed", Map.of("jobId", jobId, "itemId", itemId,
                "errorCode", itemError.code().name(), "reason", cause.getClass().getSimpleName()));
        return new ItemOutcome(itemId, ItemStatus.FAILED, false, null, null, clock.millis() - start, Usage.NONE,
                null, itemError);
    }
}
