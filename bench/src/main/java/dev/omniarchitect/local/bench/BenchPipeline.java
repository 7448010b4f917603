package dev.omniarchitect.local.bench;

import dev.omniarchitect.batch.BatchDocument;
import dev.omniarchitect.batch.BatchOverrides;
import dev.omniarchitect.job.JobRecord;
import dev.omniarchitect.job.JobStatus;
import dev.omniarchitect.local.runtime.LocalPipeline;
import dev.omniarchitect.runtime.FunctionServices;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The whole local pipeline as the bench drives it: the real definition, handlers and DynamoDB Local
 * (the bench's, reached over loopback), with the openai provider pointed at the loopback server. The
 * functions still write their JSON logs, to nowhere, so logging costs what it costs in Lambda.
 */
final class BenchPipeline implements AutoCloseable {

    /** The state names of statemachine/generate.asl.json whose Lambda time the bench reads. */
    static final String PROVIDER_CALL_STATE = "CallProvider";
    static final String AGGREGATE_STATE = "Aggregate";

    private final LocalPipeline pipeline;
    private final LoopbackChatServer provider;
    private final TaskTimer timer = new TaskTimer();

    private BenchPipeline(LoopbackChatServer provider, int maxConcurrency, URI dynamoDb, Map<String, String> more) {
        this.provider = provider;
        Map<String, String> environment = new HashMap<>(environment(provider));
        environment.putAll(more);
        environment.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.toString());
        this.pipeline = LocalPipeline.builder()
                .environment(environment)
                .maxConcurrency(maxConcurrency)
                .logOutput(new PrintStream(OutputStream.nullOutputStream(), false))
                .listener(timer)
                .build();
    }

    /** A pipeline on the DynamoDB at that endpoint (its tables are created if missing). */
    static BenchPipeline on(URI dynamoDb, LoopbackChatServer provider, int maxConcurrency) {
        return on(dynamoDb, provider, maxConcurrency, Map.of());
    }

    /** The same, with more variables for the functions (a provider limit, tables of its own). */
    static BenchPipeline on(URI dynamoDb, LoopbackChatServer provider, int maxConcurrency, Map<String, String> more) {
        return new BenchPipeline(provider, maxConcurrency, dynamoDb, more);
    }

    /** The pipeline itself, to submit several jobs at once. */
    LocalPipeline pipeline() {
        return pipeline;
    }

    /** What the functions see: the loopback server is the default provider. */
    static Map<String, String> environment(LoopbackChatServer provider) {
        return Map.of(
                "OMNI_DEFAULT_PROVIDER", "openai",
                "OPENAI_BASE_URL", provider.baseUrl(),
                "OPENAI_API_KEY", "sk-bench-loopback");
    }

    FunctionServices services() {
        return pipeline.services();
    }

    /** A batch of the bench's own ({@link SyntheticBatch}) of the kinds the provider answers, as JSON. */
    String batchJson(int items, String tag, String cache) {
        return SyntheticBatch.of(items, tag, cache, provider.kinds());
    }

    /** The same, parsed as the functions parse it. */
    BatchDocument batch(int items, String tag, String cache) {
        return parse(batchJson(items, tag, cache));
    }

    BatchDocument parse(String document) {
        return parse(document, BatchOverrides.NONE);
    }

    BatchDocument parse(String document, BatchOverrides overrides) {
        return pipeline.services().batchParser().parse(document, overrides);
    }

    /**
     * Runs one batch through submit, execution and reading the record, timed from the submit to the
     * record in hand. Refuses to report a run in which any item failed: a figure of a broken run would lie.
     */
    BatchRun run(BatchDocument document) {
        return run(document, true);
    }

    /** Runs one batch; when {@code everyItemMustSucceed}, one that did not is an error. */
    BatchRun run(BatchDocument document, boolean everyItemMustSucceed) {
        timer.reset();
        long start = System.nanoTime();
        String jobId = pipeline.submit(document);
        long submitted = System.nanoTime();
        LocalPipeline.JobRun job = pipeline.await(jobId);
        long end = System.nanoTime();
        JobRecord record = job.record();
        if (everyItemMustSucceed && record.status() != JobStatus.SUCCEEDED) {
            String failure = record.items().stream().filter(item -> item.error() != null).findFirst()
                    .map(item -> item.id() + ": " + item.error().code() + ": " + item.error().message())
                    .orElse(record.items().size() + " of " + document.items().size() + " items have a result, "
                            + record.summary());
            throw new IllegalStateException("bench job " + jobId + " ended " + record.status() + " (" + failure + ")");
        }
        return new BatchRun(record, (end - start) / 1e6, (submitted - start) / 1e6,
                Duration.between(job.execution().startTime(), job.execution().stopTime()).toNanos() / 1e6,
                timer.of(PROVIDER_CALL_STATE), timer.of(AGGREGATE_STATE));
    }

    @Override
    public void close() {
        pipeline.close();
    }

    /**
     * One measured batch.
     *
     * @param record          the job record as read at the end
     * @param wallMs          submit to record in hand
     * @param submitMs        storing the job and starting its execution (ApiFunction's POST)
     * @param executionMs     the state machine's execution alone: the Map's fan-out and the aggregation
     * @param providerCallMs  each ProviderCallFunction invocation
     * @param aggregateMs     the AggregateFunction invocation
     */
    record BatchRun(JobRecord record, double wallMs, double submitMs, double executionMs, Samples providerCallMs,
                    Samples aggregateMs) {
    }
}
