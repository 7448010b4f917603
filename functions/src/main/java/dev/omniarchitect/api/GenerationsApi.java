package dev.omniarchitect.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omniarchitect.batch.BatchDocumentParser;
import dev.omniarchitect.batch.BatchOverrides;
import dev.omniarchitect.batch.InvalidBatchException;
import dev.omniarchitect.job.JobIds;
import dev.omniarchitect.job.JobReader;
import dev.omniarchitect.job.JobSubmitter;
import dev.omniarchitect.log.StructuredLog;
import dev.omniarchitect.provider.HttpFailures;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The {@code /v1/generations} routes, independent of how HTTP arrives (API Gateway, the local server). */
public final class GenerationsApi {

    /** Bodies above this are refused before parsing. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    private final BatchDocumentParser parser;
    private final JobSubmitter submitter;
    private final JobReader reader;
    private final ObjectMapper mapper;
    private final StructuredLog log;

    public GenerationsApi(BatchDocumentParser parser, JobSubmitter submitter, JobReader reader, ObjectMapper mapper,
                          StructuredLog log) {
        this.parser = parser;
        this.submitter = submitter;
        this.reader = reader;
        this.mapper = mapper;
        this.log = log;
    }

    /** Routes one request; never fails: errors become problem documents. */
    public CompletableFuture<ApiResponse> handle(String method, String path, String contentType, String body) {
        String[] segments = path.replaceAll("^/+|/+$", "").split("/");
        if (segments.length >= 2 && segments[0].equals("v1") && segments[1].equals("generations")) {
            if (segments.length == 2) {
                return "POST".equals(method) ? submit(contentType, body) : methodNotAllowed(method, "POST");
            }
            if (segments.length == 3) {
                return "GET".equals(method) ? read(segments[2]) : methodNotAllowed(method, "GET");
            }
        }
        return done(problem(Problem.of("not-found", "Not found", 404, "no route " + method + " " + path)));
    }

    private CompletableFuture<ApiResponse> submit(String contentType, String body) {
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            return done(problem(Problem.of("unsupported-media-type", "Unsupported media type", 415,
                    "send the batch document as Content-Type: application/json")));
        }
        if (body == null || body.length() > MAX_BODY_BYTES) {
            return done(problem(Problem.of("payload-too-large", "Payload too large", 413,
                    "the batch document must be at most " + MAX_BODY_BYTES + " bytes")));
        }
        try {
            return submitter.submit(parser.parse(body, BatchOverrides.NONE))
                    .thenApply(jobId -> {
                        ObjectNode accepted = mapper.createObjectNode()
                                .put("jobId", jobId)
                                .put("status", "QUEUED")
                                .put("statusUrl", "/v1/generations/" + jobId);
                        return ApiResponse.json(202, accepted.toString());
                    })
                    .exceptionally(this::internalError);
        } catch (InvalidBatchException e) {
            return done(problem(Problem.invalidDocument(e.violations())));
        }
    }

    private CompletableFuture<ApiResponse> read(String jobId) {
        if (!JobIds.isWellFormed(jobId)) {
            return done(problem(Problem.of("not-found", "Job not found", 404, "no job " + jobId)));
        }
        return reader.read(jobId)
                .thenApply(record -> record
                        .map(found -> ApiResponse.json(200, json(found)))
                        .orElseGet(() -> problem(Problem.of("not-found", "Job not found", 404, "no job " + jobId))))
                .exceptionally(this::internalError);
    }

    private CompletableFuture<ApiResponse> methodNotAllowed(String method, String allowed) {
        return done(problem(Problem.of("method-not-allowed", "Method not allowed", 405,
                method + " is not allowed here; use " + allowed)));
    }

    private ApiResponse internalError(Throwable error) {
        log.error("api.failed", Map.of("reason", HttpFailures.unwrap(error).getClass().getSimpleName()));
        return problem(Problem.of("internal-error", "Internal error", 500,
                "the request could not be completed; try again"));
    }

    private ApiResponse problem(Problem problem) {
        return ApiResponse.problem(problem.status(), json(problem));
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CompletableFuture<ApiResponse> done(ApiResponse response) {
        return CompletableFuture.completedFuture(response);
    }
}
