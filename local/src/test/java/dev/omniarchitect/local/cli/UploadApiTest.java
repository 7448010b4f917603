package dev.omniarchitect.local.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.batch.BatchLimits;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A document larger than a request body may be, through real HTTP against {@code omni serve}: asked for an upload
 * URL, PUT there, then submitted by its upload id; and every way that can go wrong, each naming what is wrong.
 */
class UploadApiTest extends ServeTestBase {

    @Test
    void aDocumentOverTheBodyLimitIsUploadedThenSubmittedByItsIdAndRuns() throws Exception {
        String run = UUID.randomUUID().toString();
        // 1,200 items of 5,000-character prompts: about 6 MB, more than a request body of 5 MiB.
        String document = "{\"provider\": \"blueprint\"}\n" + IntStream.range(0, 1_200)
                .mapToObj(i -> "{\"id\": \"svc-" + i + "\", \"kind\": \"dockerfile\", \"prompt\": \"" + run + " " + i
                        + " " + "p".repeat(5_000) + "\"}")
                .collect(Collectors.joining("\n")) + "\n";
        assertTrue(document.length() > BatchLimits.MAX_DOCUMENT_BYTES, "the document must be over the body limit");
        assertEquals(413, postJson("/v1/generations", "{\"items\": [" + "x".repeat(BatchLimits.MAX_DOCUMENT_BYTES)
                + "]}").statusCode(), "as a body, it is refused");

        HttpResponse<String> created = postJson("/v1/uploads", "{\"format\": \"jsonl\"}");
        assertEquals(201, created.statusCode(), created.body());
        JsonNode upload = json(created);
        String uploadId = upload.path("uploadId").asText();
        assertTrue(uploadId.endsWith(".jsonl"), uploadId);
        assertEquals("PUT", upload.path("method").asText());
        assertEquals(64 * 1024 * 1024, upload.path("maxBytes").asInt());
        assertEquals(uploadId, upload.path("then").path("body").path("upload").asText());

        HttpResponse<String> put = send("PUT", upload.path("uploadUrl").asText(), "application/x-ndjson", document);
        assertEquals(200, put.statusCode(), put.body());

        HttpResponse<String> accepted = postJson("/v1/generations", "{\"upload\": \"" + uploadId + "\"}");
        assertEquals(202, accepted.statusCode(), accepted.body());
        JsonNode record = awaitEnd(json(accepted).path("jobId").asText());
        assertEquals("SUCCEEDED", record.path("status").asText(), record.path("summary").toString());
        assertEquals(1_200, record.path("summary").path("succeeded").asInt());
    }

    @Test
    void everyWrongUploadIsRefusedNamingWhatIsWrong() throws Exception {
        assertRefused(postJson("/v1/uploads", "{\"format\": \"yaml\"}"), 400, "format");
        assertRefused(postJson("/v1/uploads", "{\"colour\": \"red\"}"), 400, "colour");
        assertRefused(postJson("/v1/generations", "{\"upload\": \"not-an-id\"}"), 400, "upload");
        assertRefused(postJson("/v1/generations", "{\"upload\": \"20261207-101500-3f9a1c2b4d5e6f70.jsonl\"}"), 404,
                "upload");
        JsonNode upload = json(postJson("/v1/uploads", ""));
        String uploadId = upload.path("uploadId").asText();
        assertTrue(uploadId.endsWith(".json"), "JSON unless told otherwise: " + uploadId);
        assertRefused(postJson("/v1/generations", "{\"upload\": \"" + uploadId + "\", \"mode\": \"sync\"}"), 400,
                "mode");
        assertRefused(postJson("/v1/generations", "{\"upload\": \"" + uploadId + "\"}"), 404, "upload");
        assertRefused(send("GET", upload.path("uploadUrl").asText(), null, null), 405, "method");
        assertRefused(send("PUT", "/v1/uploads/elsewhere/" + uploadId, "application/json", "{}"), 404, "path");

        // An uploaded document is checked as a body would be, each problem with its field.
        send("PUT", upload.path("uploadUrl").asText(), "application/json",
                "{\"items\": [{\"id\": \"a\", \"kind\": \"spreadsheet\", \"prompt\": \"p\"}]}");
        HttpResponse<String> invalid = postJson("/v1/generations", "{\"upload\": \"" + uploadId + "\"}");
        assertRefused(invalid, 400, "items[0].kind");
    }

    private static void assertRefused(HttpResponse<String> response, int status, String field) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(field, json(response).path("errors").path(0).path("field").asText(), response.body());
    }
}
