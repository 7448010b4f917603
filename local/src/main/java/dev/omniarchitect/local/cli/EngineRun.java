package dev.omniarchitect.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omniarchitect.batch.DocumentFormat;
import dev.omniarchitect.batch.Violation;
import dev.omniarchitect.job.JobRecord;
import dev.omniarchitect.json.Json;
import dev.omniarchitect.local.engine.EngineClient;
import dev.omniarchitect.local.engine.EngineException;
import dev.omniarchitect.local.engine.EngineLauncher;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One {@code omni run} as a client of the engine: submits the document with the command line's
 * overrides, follows the job (each poll waits for the next item to end) and reports items to the
 * progress line as they end. When the engine goes away mid-job, the job is followed on the engine
 * that takes over the data directory.
 */
final class EngineRun {

    /** A poll answers at the latest after this long without a change. */
    private static final Duration POLL_WAIT = Duration.ofSeconds(2);
    /**
     * How long a poll waits for the job's end before it answers with a change: as often as the progress line
     * redraws on a terminal, once a second in a log.
     */
    private static final Duration SETTLE_TERMINAL = Duration.ofMillis(250);
    private static final Duration SETTLE_LOG = Duration.ofSeconds(1);
    /** How long a full engine may keep refusing a submission before the run gives up. */
    private static final Duration BUSY_WAIT = Duration.ofMinutes(2);
    /** How many times a job is picked up again on another engine. */
    private static final int RECONNECTS = 3;
    /** How long a job no engine runs is watched for a change before the run gives up on it. */
    private static final Duration ORPHAN_WAIT = Duration.ofSeconds(60);
    private static final Set<String> ENDED = Set.of("SUCCEEDED", "PARTIAL", "FAILED");

    private final EngineLauncher launcher;
    private EngineClient engine;

    EngineRun(EngineLauncher launcher) {
        this.launcher = launcher;
    }

    /** A refusal of the document by the engine, with its violations. */
    static final class Refused extends Exception {
        private final transient List<Violation> violations;

        Refused(JsonNode violations) {
            super("not a valid batch document", null, false, false);
            List<Violation> list = new ArrayList<>();
            violations.forEach(violation -> list.add(new Violation(violation.path("field").asText(),
                    violation.path("message").asText())));
            this.violations = List.copyOf(list);
        }

        List<Violation> violations() {
            return violations;
        }
    }

    /** How the job ended: its record and, when the engine ran it, how its execution ended. */
    record Ended(JobRecord record, String executionStatus, String executionError, String executionCause) {
    }

    /**
     * Takes the engine that runs now for this directory and build, if any, without a round trip; true when found.
     * One that does not answer after all is replaced by {@link #submit} as one that stopped.
     */
    boolean connectToRunning() {
        engine = launcher.runningNow().orElse(null);
        return engine != null;
    }

    /** Finds the engine, starting one if none runs. */
    void connect() {
        engine = launcher.connect();
    }

    /** Submits the document; returns the job id, item count and warnings. */
    JsonNode submit(String document, DocumentFormat format, String provider, String cache, int concurrency)
            throws Refused, IOException {
        ObjectNode request = Json.mapper().createObjectNode().put("document", document)
                .put("format", format.wireName()).put("concurrency", concurrency);
        if (provider != null) {
            request.put("provider", provider);
        }
        if (cache != null) {
            request.put("cache", cache);
        }
        if (engine == null) {
            connect();
        }
        long busyUntil = System.nanoTime() + BUSY_WAIT.toNanos();
        long pause = 100;
        while (true) {
            EngineClient.Answer answer;
            try {
                answer = engine.run(request);
            } catch (IOException stopped) {
                // The engine went away (stopped, replaced) before it took the job: the next one takes it.
                if (System.nanoTime() > busyUntil) {
                    throw stopped;
                }
                sleep(pause);
                pause = Math.min(2_000, pause * 2);
                connect();
                continue;
            }
            if (answer.status() == 202) {
                return answer.body();
            }
            if (answer.status() == 400 && answer.body().has("violations")) {
                throw new Refused(answer.body().path("violations"));
            }
            if ((answer.status() != 429 && answer.status() != 503) || System.nanoTime() > busyUntil) {
                throw new EngineException("the engine refused the job: " + answer.message());
            }
            sleep(pause);
            pause = Math.min(2_000, pause * 2);
        }
    }

    /**
     * Follows the job until it has ended, telling the progress line of its items as they end: while it runs,
     * from the engine's counts; at the end, from its record.
     */
    Ended follow(String jobId, ProgressLine progress) {
        long seen = -1;
        int reconnects = 0;
        long lastChange = System.nanoTime();
        while (true) {
            EngineClient.Answer answer;
            try {
                answer = engine.job(jobId, seen, POLL_WAIT, progress.terminal() ? SETTLE_TERMINAL : SETTLE_LOG);
            } catch (IOException lost) {
                if (++reconnects > RECONNECTS) {
                    throw new EngineException("lost the engine while job " + jobId + " ran: " + lost.getMessage());
                }
                engine = launcher.connect();
                seen = -1;
                continue;
            }
            if (answer.status() != 200) {
                throw new EngineException("the engine cannot show job " + jobId + ": " + answer.message());
            }
            JsonNode body = answer.body();
            JsonNode record = body.path("record");
            if (record.isObject() && record.path("summary").isObject()) {
                JsonNode summary = record.path("summary");
                progress.advanceTo(record.path("progress").path("done").asInt(),
                        summary.path("total").asInt() - summary.path("succeeded").asInt(),
                        summary.path("cacheHits").asInt());
            } else if (record.isObject()) {
                // Without a summary (a job reconciled before it had one): what this page of the record shows.
                int failed = 0;
                int cached = 0;
                for (JsonNode item : record.path("items")) {
                    failed += "SUCCEEDED".equals(item.path("status").asText()) ? 0 : 1;
                    cached += item.path("cached").asBoolean() ? 1 : 0;
                }
                progress.advanceTo(record.path("progress").path("done").asInt(), failed, cached);
            } else {
                JsonNode counts = body.path("progress");
                progress.advanceTo(counts.path("done").asInt(), counts.path("failed").asInt(),
                        counts.path("cached").asInt());
            }
            JsonNode execution = body.path("execution");
            if (body.path("version").asLong() != seen || execution.isObject()) {
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > ORPHAN_WAIT.toNanos()) {
                throw new EngineException("job " + jobId + " is not running on the engine that took over the data "
                        + "directory; its record stays " + record.path("status").asText());
            }
            seen = body.path("version").asLong();
            boolean executionEnded = execution.isObject() && !"RUNNING".equals(execution.path("status").asText());
            if (ENDED.contains(record.path("status").asText()) || executionEnded) {
                try {
                    return new Ended(Json.mapper().treeToValue(record, JobRecord.class),
                            execution.path("status").asText(null), execution.path("error").asText(null),
                            execution.path("cause").asText(null));
                } catch (IOException e) {
                    throw new EngineException("the engine sent a job record this client cannot read: " + e.getMessage());
                }
            }
        }
    }

    /**
     * The record of an ended job with its items from {@code from} on: a page of {@link
     * dev.omniarchitect.local.engine.EngineRoutes#RECORD_PAGE_ITEMS}, the next after the one before.
     */
    JobRecord page(String jobId, int from) {
        try {
            EngineClient.Answer answer = engine.jobPage(jobId, from);
            if (answer.status() != 200) {
                throw new EngineException("the engine cannot show job " + jobId + ": " + answer.message());
            }
            return Json.mapper().treeToValue(answer.body().path("record"), JobRecord.class);
        } catch (IOException e) {
            throw new EngineException("lost the engine while reading job " + jobId + ": " + e.getMessage());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted");
        }
    }
}
