package dev.omniarchitect.local.runtime;

import dev.omniarchitect.batch.BatchDocument;
import dev.omniarchitect.batch.BatchOverrides;
import dev.omniarchitect.job.ItemResult;
import dev.omniarchitect.job.JobRecord;
import dev.omniarchitect.local.asl.ExecutionListener;
import dev.omniarchitect.testing.LoopbackOpenAiServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A local pipeline on in-memory DynamoDB Local whose openai provider is a loopback server. */
abstract class PipelineTestBase {

    protected LoopbackOpenAiServer server;
    protected LocalPipeline pipeline;
    protected final MutableClock clock = new MutableClock();
    protected final ByteArrayOutputStream logs = new ByteArrayOutputStream();

    @BeforeEach
    void startPipeline() {
        server = LoopbackOpenAiServer.start();
        pipeline = pipeline(new ExecutionListener() { });
    }

    protected LocalPipeline pipeline(ExecutionListener listener) {
        return configure(LocalPipeline.builder()
                .environment(environment())
                .logOutput(new PrintStream(logs, true, StandardCharsets.UTF_8))
                .clock(clock)
                .retryDelayScale(0.001)
                .listener(listener))
                .build();
    }

    /** Replaces the pipeline with one of those settings, on this test's provider, logs and clock. */
    protected LocalPipeline restart(LocalPipeline.Builder settings) {
        pipeline.close();
        pipeline = settings.environment(environment())
                .logOutput(new PrintStream(logs, true, StandardCharsets.UTF_8))
                .clock(clock)
                .retryDelayScale(0.001)
                .build();
        return pipeline;
    }

    /** More settings of the pipeline, for a test that needs them (a function replaced). */
    protected LocalPipeline.Builder configure(LocalPipeline.Builder builder) {
        return builder;
    }

    /** What the functions see: the openai provider is the loopback server, and the default. */
    protected Map<String, String> environment() {
        return Map.of(
                "OMNI_DEFAULT_PROVIDER", "openai",
                "OPENAI_BASE_URL", server.baseUrl(),
                "OPENAI_API_KEY", "sk-loopback-secret-key-123456");
    }

    @AfterEach
    void stopPipeline() {
        pipeline.close();
        server.close();
    }

    protected BatchDocument batch(String json) {
        return pipeline.services().batchParser().parse(json, BatchOverrides.NONE);
    }

    protected JobRecord run(String json) {
        return pipeline.run(batch(json)).record();
    }

    protected static ItemResult item(JobRecord record, String id) {
        return record.items().stream().filter(item -> item.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no item " + id + " in " + record.items()));
    }

    protected String logText() {
        return logs.toString(StandardCharsets.UTF_8);
    }
}
