package dev.omniarchitect.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omniarchitect.batch.BatchLimits;
import dev.omniarchitect.batch.Violation;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** A JSON request body: refused for the wrong media type (415) or size (413), else read, or 400 if malformed. */
final class JsonRequestBody {

    /** Bodies above this are refused before they are read. */
    static final int MAX_BYTES = BatchLimits.MAX_DOCUMENT_BYTES;

    private JsonRequestBody() {
    }

    /** Why the body cannot be read: not JSON, or too large; empty when it can. */
    static Optional<Problem> refusal(ApiRequest request) {
        String contentType = request.header("content-type").orElse("");
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json")) {
            return Optional.of(Problem.of("unsupported-media-type", "Unsupported media type", 415,
                    "the body must be JSON sent with Content-Type: application/json",
                    "Content-Type", contentType.isEmpty() ? "missing; send application/json"
                            : "is \"" + contentType + "\"; send application/json"));
        }
        long bytes = request.body() == null ? 0 : request.body().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            return Optional.of(Problem.of("payload-too-large", "Payload too large", 413,
                    "the body must be at most " + MAX_BYTES + " bytes", "body",
                    "is " + bytes + " bytes; the most allowed is " + MAX_BYTES + " ("
                            + BatchLimits.MAX_DOCUMENT_SIZE_TEXT + ")"));
        }
        return Optional.empty();
    }

    /** The body as JSON, or the violation that says where it is malformed. */
    static Read read(ObjectMapper mapper, String body) {
        try {
            JsonNode node = mapper.readTree(body == null ? "" : body);
            if (node == null || node.isMissingNode()) {
                return new Read(null, new Violation("$", "the body is empty; send a JSON object"));
            }
            return new Read(node, null);
        } catch (JsonProcessingException e) {
            return new Read(null, Violation.malformedJson(e));
        }
    }

    /** A read body: the JSON, or what is wrong with it. */
    record Read(JsonNode json, Violation malformed) {
    }
}
