package dev.omniarchitect.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.json.Json;
import dev.omniarchitect.provider.Usage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A job record's pace: while the job runs, in its progress and its JSON; once it has ended, none. */
class JobPaceTest {

    private static final Instant CREATED = Instant.parse("2026-12-07T10:00:00Z");

    private static ItemResult endedAt(String id, int second) {
        return new ItemResult(id, "dockerfile", ItemStatus.SUCCEEDED, false, "openai", "gpt-4o-mini", List.of(), 2_000,
                Usage.NONE, 0.0, null, List.of(), null).startingAt(CREATED.plusSeconds(second - 2));
    }

    private static JobRecord record(JobStatus status, List<ItemResult> items) {
        return new JobRecord("20261207-100000-00000001", status, CREATED, null,
                new JobRecord.Progress(items.size(), 10), null, items, Owner.LOCAL, List.of());
    }

    @Test
    void aRunningJobShowsItsPaceAndTheTimeLeft() throws Exception {
        JobRecord running = JobReader.withPace(record(JobStatus.RUNNING,
                List.of(endedAt("a", 5), endedAt("b", 10), endedAt("c", 15), endedAt("d", 20))), CREATED.plusSeconds(20));

        assertEquals(0.2, running.progress().itemsPerSecond(), "4 items in 20 s");
        assertEquals(30, running.progress().etaSeconds(), "6 left at 1 item every 5 s");
        JsonNode json = Json.mapper().readTree(Json.mapper().writeValueAsString(running));
        assertEquals(0.2, json.path("progress").path("itemsPerSecond").doubleValue());
        assertEquals(30, json.path("progress").path("etaSeconds").longValue());
    }

    @Test
    void anEndedJobOrOneWithNothingEndedHasNoPace() throws Exception {
        JobRecord ended = JobReader.withPace(record(JobStatus.PARTIAL, List.of(endedAt("a", 5))),
                CREATED.plusSeconds(20));
        JobRecord queued = JobReader.withPace(record(JobStatus.RUNNING, List.of()), CREATED.plusSeconds(20));

        for (JobRecord record : List.of(ended, queued)) {
            assertEquals(null, record.progress().itemsPerSecond());
            JsonNode progress = Json.mapper().readTree(Json.mapper().writeValueAsString(record)).path("progress");
            assertFalse(progress.has("itemsPerSecond") || progress.has("etaSeconds"), progress.toString());
            assertTrue(progress.has("done") && progress.has("total"));
        }
    }
}
