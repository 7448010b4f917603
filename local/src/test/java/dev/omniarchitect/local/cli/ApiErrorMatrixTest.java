package dev.omniarchitect.local.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Every 4xx the API gives, through real HTTP: the status, and a problem document naming the cause. */
class ApiErrorMatrixTest extends ServeTestBase {

    private static final String ITEM = "{\"id\": \"a\", \"kind\": \"dockerfile\", \"prompt\": \"p\"}";

    @Test
    void malformedJsonIs400WithLineAndColumn() throws Exception {
        JsonNode problem = assertProblem(postJson("/v1/generations", "{\"items\": [\n  " + ITEM + " \"x\"]}"),
                400, "$");
        assertTrue(problem.path("errors").path(0).path("message").asText().contains("malformed JSON at line 2"),
                problem.toString());
    }

    @Test
    void anUnknownFieldIs400NamingIt() throws Exception {
        assertProblem(postJson("/v1/generations", "{\"items\": [{\"id\": \"a\", \"kind\": \"dockerfile\", "
                + "\"prompt\": \"p\", \"colour\": \"red\"}]}"), 400, "items[0].colour");
        assertProblem(postJson("/v1/generations", "{\"priority\": 1, \"items\": [" + ITEM + "]}"), 400, "priority");
    }

    @Test
    void aWrongContentTypeIs415() throws Exception {
        assertProblem(send("POST", "/v1/generations", "text/plain", "{\"items\": [" + ITEM + "]}"), 415,
                "Content-Type");
        assertProblem(send("POST", "/v1/generations", null, "{\"items\": [" + ITEM + "]}"), 415, "Content-Type");
    }

    @Test
    void aBodyOverTheDocumentLimitIs413InOurWords() throws Exception {
        String padding = "x".repeat(dev.omniarchitect.batch.BatchLimits.MAX_DOCUMENT_BYTES);
        JsonNode problem = assertProblem(postJson("/v1/generations", "{\"items\": [{\"id\": \"a\", \"kind\": "
                + "\"dockerfile\", \"prompt\": \"" + padding + "\"}]}"), 413, "body");
        assertTrue(problem.path("detail").asText().contains(
                Integer.toString(dev.omniarchitect.batch.BatchLimits.MAX_DOCUMENT_BYTES)), problem.toString());
    }

    @Test
    void aBodyOverApiGatewaysTenMegabytesIsAProblemDocumentToo() throws Exception {
        JsonNode problem = assertProblem(postJson("/v1/generations", "x".repeat(10 * 1024 * 1024 + 1)), 413, "body");
        assertFalse(problem.toString().contains("Request Entity Too Large"), problem.toString());
    }

    @Test
    void jsonNestedTooDeeplyIsRefusedInOurWords() throws Exception {
        JsonNode problem = assertProblem(postJson("/v1/generations", "{\"items\": " + "[".repeat(1001)
                + "]".repeat(1001) + "}"), 400, "$");
        String message = problem.path("errors").path(0).path("message").asText();
        assertTrue(message.contains("more than 1000 levels deep"), message);
        assertFalse(message.contains("StreamReadConstraints") || message.contains("getMaxNestingDepth"), message);
    }

    @Test
    void anUnknownJobIs404NamingTheJobId() throws Exception {
        assertProblem(get("/v1/generations/20201231-235959-0badf00d"), 404, "jobId");
        assertProblem(get("/v1/generations/not-a-job"), 404, "jobId");
        assertProblem(get("/v1/generations/20201231-235959-0badf00d/bundle"), 404, "jobId");
        // A file of a job that does not exist (or is not the caller's) names the job, as its record would.
        assertProblem(get("/v1/generations/20201231-235959-0badf00d/files/a/Dockerfile"), 404, "jobId");
    }

    @Test
    void anUnknownRouteIs404NamingThePath() throws Exception {
        JsonNode problem = assertProblem(get("/v2/generations"), 404, "path");
        assertTrue(problem.path("errors").path(0).path("message").asText().contains("POST /v1/generations"),
                "the routes are listed: " + problem);
        assertProblem(get("/v1"), 404, "path");
        assertProblem(get("/console"), 404, "path");
        assertEquals(200, get("/").statusCode(), "the web console");
    }

    @Test
    void aWrongMethodIs405WithAllow() throws Exception {
        HttpResponse<String> response = send("DELETE", "/v1/generations", null, null);
        assertProblem(response, 405, "method");
        assertEquals("POST, GET", response.headers().firstValue("Allow").orElse(""));
        HttpResponse<String> put = send("PUT", "/v1/generations/20201231-235959-0badf00d", "application/json", "{}");
        assertProblem(put, 405, "method");
        assertEquals("GET", put.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void badCacheKeysPartsAndFiltersAre400NamingThem() throws Exception {
        assertProblem(send("DELETE", "/v1/cache/not-a-key", null, null), 400, "cacheKey");
        assertProblem(send("DELETE", "/v1/cache/" + "0".repeat(64), null, null), 404, "cacheKey");
        JsonNode filter = assertProblem(postJson("/v1/cache/purge", "{\"kind\": \"helm\", \"colour\": 1}"), 400,
                "kind");
        assertEquals(2, filter.path("errors").size(), filter.toString());
        assertProblem(send("POST", "/v1/cache/purge", "text/plain", "kind=helm"), 415, "Content-Type");
    }
}
