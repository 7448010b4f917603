package dev.omniarchitect.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omniarchitect.batch.BatchDocument;
import dev.omniarchitect.batch.BatchDocumentParser;
import dev.omniarchitect.batch.BatchOverrides;
import dev.omniarchitect.batch.InvalidBatchException;
import dev.omniarchitect.batch.Violation;
import dev.omniarchitect.job.JobLauncher;
import dev.omniarchitect.job.JobReader;
import dev.omniarchitect.job.JobRecord;
import dev.omniarchitect.job.JobStatus;
import dev.omniarchitect.job.JobSubmitter;
import dev.omniarchitect.job.Launch;
import dev.omniarchitect.job.Owner;
import dev.omniarchitect.json.ContentHash;
import dev.omniarchitect.log.StructuredLog;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Turns a scheduled run into a job like any other: the document (inline or read from S3) is validated,
 * stored and its execution started, always asynchronously, once per due time.
 */
public final class ScheduledRunner {

    private final DocumentSource documents;
    private final BatchDocumentParser parser;
    private final JobLauncher launcher;
    private final JobSubmitter submitter;
    private final JobReader reader;
    private final ObjectMapper mapper;
    private final StructuredLog log;

    public ScheduledRunner(DocumentSource documents, BatchDocumentParser parser, JobLauncher launcher,
                           JobSubmitter submitter, JobReader reader, ObjectMapper mapper, StructuredLog log) {
        this.documents = documents;
        this.parser = parser;
        this.launcher = launcher;
        this.submitter = submitter;
        this.reader = reader;
        this.mapper = mapper;
        this.log = log;
    }

    /**
     * Starts the run's job, or finds the one an earlier delivery of the same run started; fails with
     * {@link InvalidBatchException} when the event or its document is invalid.
     */
    public CompletableFuture<ScheduledJob> run(ScheduledRun run) {
        CompletableFuture<JsonNode> document = run.document() != null
                ? CompletableFuture.completedFuture(run.document())
                : documents.read(run.documentS3Uri()).thenApply(this::json);
        return document.thenCompose(json -> {
            BatchDocument batch = parser.parse(json, BatchOverrides.NONE);
            // Without a due time (an invocation by hand), the document's own clientToken applies.
            String clientToken = run.clientToken() != null ? run.clientToken() : batch.clientToken();
            Owner owner = Owner.scheduled(run.name());
            return launcher.launch(owner, clientToken, ContentHash.of(json),
                            jobId -> submitter.submit(jobId, batch, owner)
                                    .thenApply(started -> Optional.<JobRecord>empty()),
                            reader::read)
                    .thenApply(launch -> scheduledJob(run, launch));
        });
    }

    private ScheduledJob scheduledJob(ScheduledRun run, Launch<Optional<JobRecord>> launch) {
        if (launch instanceof Launch.Conflict<Optional<JobRecord>> conflict) {
            throw new CompletionException(new InvalidBatchException(List.of(new Violation(ScheduledRun.FIELD,
                    "the run due at " + run.scheduledTime() + " already started job " + conflict.jobId()
                            + (conflict.reason() == Launch.Reason.OTHER_BODY ? " from another document" : "")))));
        }
        JobStatus status = launch instanceof Launch.Replayed<Optional<JobRecord>> replayed
                ? replayed.value().map(JobRecord::status).orElse(JobStatus.QUEUED) : JobStatus.QUEUED;
        log.info("schedule.run", Map.of("jobId", launch.jobId(), "schedule", run.name(),
                "repeat", launch instanceof Launch.Replayed));
        return new ScheduledJob(launch.jobId(), status, launch instanceof Launch.Replayed);
    }

    private JsonNode json(String text) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new CompletionException(new InvalidBatchException(List.of(new Violation(
                    ScheduledRun.FIELD + ".documentS3Uri", "the stored document is not JSON: "
                            + Violation.malformedJson(e).message()))));
        }
    }

    /**
     * The job a scheduled run became.
     *
     * @param jobId     the job, readable at {@code GET /v1/generations/{jobId}}
     * @param status    its status now
     * @param repeated  whether an earlier delivery of the same run had already started it
     */
    public record ScheduledJob(String jobId, JobStatus status, boolean repeated) {
    }
}
