package dev.omniarchitect.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.batch.BatchLimits;
import dev.omniarchitect.batch.InvalidBatchException;
import dev.omniarchitect.batch.Violation;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A scheduled run as EventBridge Scheduler delivers it to ApiFunction:
 * {@code {"scheduledRun": {"name", "scheduledTime", "document": {...}}}} with the batch document inline, or
 * {@code "documentS3Uri": "s3://bucket/key"} instead of {@code document}.
 *
 * @param name           the schedule's name, for logs and the run's client token
 * @param scheduledTime  the time the run was due (Scheduler's {@code <aws.scheduler.scheduled-time>}); null if
 *                       not given, and then every delivery is a new job
 * @param document       the batch document inline, or null
 * @param documentS3Uri  where the batch document is stored, or null
 */
public record ScheduledRun(String name, String scheduledTime, JsonNode document, URI documentS3Uri) {

    /** The field of an event that marks it as a scheduled run. */
    public static final String FIELD = "scheduledRun";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern S3_URI = Pattern.compile("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/.+");

    /** Whether that event is a scheduled run. */
    public static boolean isScheduledRun(JsonNode event) {
        return event != null && event.has(FIELD);
    }

    /** The scheduled run of that event; throws {@link InvalidBatchException} naming each bad field. */
    public static ScheduledRun from(JsonNode event) {
        JsonNode run = event.path(FIELD);
        List<Violation> violations = new ArrayList<>();
        String name = run.path("name").asText("scheduled");
        if (!NAME.matcher(name).matches()) {
            violations.add(new Violation(FIELD + ".name", "must be 1 to 64 letters, digits and ._- characters"));
        }
        String scheduledTime = run.path("scheduledTime").isTextual() ? run.path("scheduledTime").asText() : null;
        JsonNode document = run.get("document");
        boolean inline = document != null && !document.isNull();
        String uri = run.path("documentS3Uri").isTextual() && !run.path("documentS3Uri").asText().isEmpty()
                ? run.path("documentS3Uri").asText() : null;
        if (inline == (uri != null)) {
            violations.add(new Violation(FIELD, "give the batch document either inline as \"document\" or as "
                    + "\"documentS3Uri\": \"s3://bucket/key\", not " + (inline ? "both" : "neither")));
        } else if (uri != null && !S3_URI.matcher(uri).matches()) {
            violations.add(new Violation(FIELD + ".documentS3Uri", "must be s3://bucket/key, got \"" + uri + "\""));
        }
        if (!violations.isEmpty()) {
            throw new InvalidBatchException(violations);
        }
        return new ScheduledRun(name, scheduledTime, inline ? document : null, uri == null ? null : URI.create(uri));
    }

    /** One token per due time, so a redelivered run (Lambda retries asynchronous invocations) is one job. */
    public String clientToken() {
        if (scheduledTime == null) {
            return null;
        }
        String token = ("schedule:" + name + ":" + scheduledTime).replaceAll("[^A-Za-z0-9._:-]", "-");
        return BatchLimits.CLIENT_TOKEN.matcher(token).matches() ? token : token.substring(0, 128);
    }
}
