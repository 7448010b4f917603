package dev.omniarchitect.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omniarchitect.batch.DocumentFormat;
import dev.omniarchitect.job.JobFileStore;
import dev.omniarchitect.job.Uploads;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /v1/uploads}: where to send a batch document too large for a request body (API Gateway takes
 * 10 MB, this API 5 MiB): a URL to PUT it to, valid {@link Uploads#URL_VALIDITY}, and the upload id that {@code
 * POST /v1/generations} then names.
 */
final class UploadRoutes {

    private final JobFileStore files;
    private final Uploads uploads;
    private final Responses responses;
    private final Clock clock;

    UploadRoutes(JobFileStore files, Responses responses, Clock clock) {
        this.files = files;
        this.uploads = new Uploads(clock);
        this.responses = responses;
        this.clock = clock;
    }

    /** {@code POST /v1/uploads} with an optional body {@code {"format": "json" | "jsonl"}}. */
    CompletableFuture<ApiResponse> create(ApiRequest request, Map<String, String> parameters) {
        DocumentFormat format = DocumentFormat.JSON;
        if (request.body() != null && !request.body().isBlank()) {
            Optional<Problem> refused = JsonRequestBody.refusal(request);
            if (refused.isPresent()) {
                return done(responses.problem(refused.get()));
            }
            JsonRequestBody.Read body = JsonRequestBody.read(responses.mapper(), request.body());
            if (body.malformed() != null) {
                return done(responses.problem(Problem.of("invalid-request", "Invalid request", 400,
                        "the body must be {\"format\": \"json\"} or {\"format\": \"jsonl\"}, or none",
                        List.of(body.malformed()))));
            }
            Optional<Problem> wrong = fieldProblem(body.json());
            if (wrong.isPresent()) {
                return done(responses.problem(wrong.get()));
            }
            if (body.json().has("format")) {
                format = DocumentFormat.named(body.json().path("format").asText()).orElseThrow();
            }
        }
        String uploadId = uploads.newId(format);
        String url = files.uploadUrl(Uploads.key(request.caller().owner(), uploadId), Uploads.URL_VALIDITY);
        ObjectNode answer = responses.mapper().createObjectNode()
                .put("uploadId", uploadId)
                .put("format", format.wireName())
                .put("method", "PUT")
                .put("uploadUrl", url)
                .put("expiresAt", clock.instant().plus(Uploads.URL_VALIDITY).toString())
                .put("maxBytes", Uploads.MAX_BYTES);
        answer.putObject("then").put("method", "POST").put("url", "/v1/generations")
                .putObject("body").put("upload", uploadId);
        return done(responses.json(201, answer));
    }

    /** What is wrong with the body's fields, naming the field. */
    private static Optional<Problem> fieldProblem(JsonNode body) {
        if (!body.isObject()) {
            return Optional.of(Problem.of("invalid-request", "Invalid request", 400, "the body must be a JSON object",
                    "$", "must be {\"format\": \"json\"} or {\"format\": \"jsonl\"}"));
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("format")) {
                return Optional.of(Problem.of("invalid-request", "Invalid request", 400, "unknown field " + name,
                        name, "unknown field; allowed: format"));
            }
        }
        JsonNode format = body.path("format");
        if (!format.isMissingNode() && (!format.isTextual() || DocumentFormat.named(format.asText()).isEmpty())) {
            return Optional.of(Problem.of("invalid-request", "Invalid request", 400, "unknown document format",
                    "format", "must be \"json\" (one JSON document) or \"jsonl\" (JSON Lines), got " + format));
        }
        return Optional.empty();
    }

    private static CompletableFuture<ApiResponse> done(ApiResponse response) {
        return CompletableFuture.completedFuture(response);
    }
}
