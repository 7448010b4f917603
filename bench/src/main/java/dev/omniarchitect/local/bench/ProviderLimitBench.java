package dev.omniarchitect.local.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omniarchitect.batch.BatchDocument;
import dev.omniarchitect.job.ItemResult;
import dev.omniarchitect.job.ItemStatus;
import dev.omniarchitect.job.JobRecord;
import dev.omniarchitect.json.Json;
import dev.omniarchitect.limit.ProviderCeilings;
import dev.omniarchitect.local.dynamodb.EmbeddedDynamoDb;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The provider-wide limit against fixed per-job lanes, side by side in one run: {@link #JOBS} jobs of
 * {@link #ITEMS} items at once through the local pipeline, against a loopback provider (OpenAI's wire format)
 * that takes {@link #CALL} a call and answers 429 with {@code Retry-After: 1} whenever more than
 * {@link #CAPACITY} calls are in flight. Adaptive: the limit with a ceiling of {@link #CEILING}. Fixed lanes:
 * a ceiling so high it never binds, so each job's three lanes call as they please.
 */
final class ProviderLimitBench {

    static final int JOBS = 10;
    static final int ITEMS = 30;
    static final int CAPACITY = 5;
    static final Duration CALL = Duration.ofMillis(300);
    static final int CEILING = 10;
    static final String RETRY_AFTER_SECONDS = "1";

    private final PrintWriter progress;

    ProviderLimitBench(PrintWriter progress) {
        this.progress = progress;
    }

    /** Both modes, adaptive first, on one DynamoDB Local and one provider, after a warm-up. */
    List<ProviderLimitFigure> measure() {
        try (EmbeddedDynamoDb dynamoDb = EmbeddedDynamoDb.inMemory();
             LoopbackChatServer provider = LoopbackChatServer.start(Duration.ZERO)) {
            URI endpoint = dynamoDb.endpoint();
            try (BenchPipeline pipeline = BenchPipeline.on(endpoint, provider, 3)) {
                provider.answers(KindAnswers.render(pipeline));
                // Unmeasured: the JIT compiles the pipeline before either mode is timed.
                for (int i = 0; i < 3; i++) {
                    pipeline.run(pipeline.batch(ITEMS * 3, "limit-warm-up-" + i, "bypass"));
                }
            }
            provider.latency(CALL);
            provider.capacity(CAPACITY, RETRY_AFTER_SECONDS);
            List<ProviderLimitFigure> figures = new ArrayList<>();
            figures.add(run(endpoint, provider, "adaptive limit", CEILING));
            figures.add(run(endpoint, provider, "fixed per-job lanes", ProviderCeilings.MAX_CEILING));
            return figures;
        }
    }

    private ProviderLimitFigure run(URI endpoint, LoopbackChatServer provider, String mode, int ceiling) {
        progress.printf("provider limit: %s (ceiling %d), %d jobs of %d items at once%n", mode, ceiling, JOBS, ITEMS);
        provider.resetCounts();
        String table = "limits-" + mode.replaceAll("[^a-z]+", "-");
        try (BenchPipeline pipeline = BenchPipeline.on(endpoint, provider, 3,
                Map.of("OMNI_LIMIT_OPENAI", Integer.toString(ceiling), "LIMITS_TABLE", table))) {
            List<BatchDocument> documents = new ArrayList<>();
            for (int job = 0; job < JOBS; job++) {
                documents.add(pipeline.parse(document(pipeline.batchJson(ITEMS, table + "-" + job, "bypass"))));
            }
            long start = System.nanoTime();
            List<String> jobIds = documents.stream().map(document -> pipeline.pipeline().submit(document)).toList();
            List<JobRecord> records = jobIds.stream().map(id -> pipeline.pipeline().await(id).record()).toList();
            double wallMs = (System.nanoTime() - start) / 1e6;
            List<ItemResult> items = records.stream().flatMap(record -> record.items().stream()).toList();
            long answered = items.stream().filter(item -> item.status() != ItemStatus.FAILED).count();
            return new ProviderLimitFigure(mode, ceiling, JOBS, ITEMS, CAPACITY, CALL.toMillis(), wallMs,
                    idealMs(), provider.calls(), provider.throttled(), provider.peakInFlight(), (int) answered,
                    items.size() - (int) answered, JOBS * ITEMS - items.size(),
                    items.stream().mapToLong(ItemResult::leaseWaitMs).sum());
        }
    }

    /** Every item called once at the provider's capacity: {@link #CALL} x ceil(items / capacity). */
    static double idealMs() {
        return CALL.toMillis() * Math.ceil((double) JOBS * ITEMS / CAPACITY);
    }

    /**
     * The bench's batch with the options of this scenario: the cache bypassed (every item calls), ten attempts
     * and the longest deadline, so that only the way calls are spread decides what happens.
     */
    private static String document(String batch) {
        try {
            ObjectNode document = (ObjectNode) Json.mapper().readTree(batch);
            ((ObjectNode) document.path("options")).put("maxAttempts", 10).put("timeoutSeconds", 600);
            return document.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
