package dev.omniarchitect.local.runtime;

import dev.omniarchitect.job.Job;
import dev.omniarchitect.job.ItemsFile;
import dev.omniarchitect.job.JobFileStore;
import dev.omniarchitect.job.JobStore;
import dev.omniarchitect.log.StructuredLog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What makes the engine's executions durable: their progress is in the jobs table (one result per
 * ended item, the header QUEUED until the aggregation), so an engine that starts resumes every job an
 * earlier one left unfinished, and one that stops lets what is in flight end and leaves the rest.
 * The engine calls {@link #resumeAll} once it is up and {@link #drain(Duration)} when told to stop.
 */
public final class EngineRecovery {

    /** How long a stopping engine lets in-flight provider calls run on (SIGTERM, Ctrl-C). */
    public static final Duration DRAIN_BOUND = Duration.ofSeconds(10);

    private final JobStore jobs;
    private final LocalExecutions executions;
    private final StructuredLog log;
    private final JobFileStore files;

    EngineRecovery(JobStore jobs, JobFileStore files, LocalExecutions executions, StructuredLog log) {
        this.jobs = jobs;
        this.files = files;
        this.executions = executions;
        this.log = log;
    }

    /**
     * Redrives every job stored QUEUED (never aggregated, whether or not it had begun) that was created before
     * {@code startedAt}, by an earlier engine: its items with a stored result keep it, the others run again (a
     * cache entry written before is reused), and the aggregation runs once. Beyond the execution limit they
     * wait their turn. Jobs this engine took since it started are its own, running or ended, never resumed, so
     * the scan may run while it already takes jobs.
     *
     * @return the ids of the jobs resumed, oldest first
     */
    public List<String> resumeAll(Instant startedAt) {
        List<Job> unfinished = jobs.unfinished().join().stream()
                .filter(job -> job.createdAt().isBefore(startedAt)).toList();
        for (Job job : unfinished) {
            // The items file an earlier engine wrote is written again: the execution reads it, and must find it.
            executions.resume(ItemsFile.write(files, job.jobId(), job.itemIds()).join());
            log.info("engine.job_resumed", Map.of("jobId", job.jobId(), "items", job.itemIds().size()));
        }
        return unfinished.stream().map(Job::jobId).toList();
    }

    /**
     * Stops taking work (new submissions get 503 with Retry-After), lets the function invocations in
     * flight end within {@code bound}, and leaves every job not yet aggregated QUEUED for the next start.
     */
    public LocalExecutions.Drained drain(Duration bound) {
        LocalExecutions.Drained drained = executions.drain(bound);
        log.info("engine.drained", Map.of("boundMs", bound.toMillis(),
                "executionsOpen", drained.executionsOpen(), "waitingLeft", drained.waitingLeft(),
                "invocationsCut", drained.invocationsCut()));
        return drained;
    }
}
