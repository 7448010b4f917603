package dev.omniarchitect.local.bench;

import dev.omniarchitect.batch.BatchOverrides;
import dev.omniarchitect.job.JobRecord;
import dev.omniarchitect.job.JobStatus;
import dev.omniarchitect.local.runtime.LocalPipeline;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The main of the JVM whose peak memory is the local batch's footprint: the whole pipeline, DynamoDB
 * Local embedded, one batch run through it, as {@code omni run} does. Arguments:
 * {@code LAUNCH_EPOCH_MICROS RESULT_FILE BATCH_FILE}; providers come from the environment.
 */
public final class LocalBatchProbe {

    private LocalBatchProbe() {
    }

    public static void main(String[] args) throws Exception {
        Properties result = BareJvmProbe.started(Long.parseLong(args[0]));
        String document = Files.readString(Path.of(args[2]), StandardCharsets.UTF_8);
        try (LocalPipeline pipeline = LocalPipeline.builder()
                .environment(System.getenv())
                .logOutput(new PrintStream(OutputStream.nullOutputStream()))
                .build()) {
            long start = System.nanoTime();
            JobRecord record = pipeline.run(pipeline.services().batchParser().parse(document, BatchOverrides.NONE))
                    .record();
            result.setProperty("wallMs", Double.toString((System.nanoTime() - start) / 1e6));
            result.setProperty("items", Integer.toString(record.items().size()));
            if (record.status() != JobStatus.SUCCEEDED) {
                throw new IllegalStateException("the local batch ended " + record.status());
            }
        }
        BareJvmProbe.finish(result, Path.of(args[1]));
    }
}
