package dev.omniarchitect.local.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omniarchitect.json.Json;
import dev.omniarchitect.local.asl.LambdaFailure;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ApiFunction with the request contexts API Gateway's authorizers give: each caller reads only its own jobs
 * (another's is a 404 like a job that never was), client tokens bind within one caller, and only the admin
 * scope removes cache entries.
 */
class OwnershipTest extends PipelineTestBase {

    private static final String ALICE = "jwt-alice";
    private static final String BOB = "jwt-bob";
    private static final String DOCUMENT = "{\"items\": [{\"id\": \"rules\", \"kind\": \"prometheus-rules\", "
            + "\"prompt\": \"p\"}]}";

    @Test
    void aJwtCallerReadsOnlyItsOwnJobsAndAnotherSeesA404LikeAMissingJob() throws Exception {
        String jobId = submit(jwt(ALICE, List.of()), DOCUMENT);
        pipeline.awaitExecutions();

        assertEquals(200, call(jwt(ALICE, List.of()), "GET", "/v1/generations/" + jobId, null).path("statusCode").asInt());
        JsonNode foreign = call(jwt(BOB, List.of()), "GET", "/v1/generations/" + jobId, null);
        JsonNode missing = call(jwt(BOB, List.of()), "GET", "/v1/generations/20260101-000000-00000000", null);
        assertEquals(404, foreign.path("statusCode").asInt());
        assertEquals(body(missing).path("type"), body(foreign).path("type"), "nothing tells a foreign job from none");
        assertEquals(404, call(jwt(BOB, List.of()), "GET", "/v1/generations/" + jobId + "/bundle", null)
                .path("statusCode").asInt());
        String file = body(call(jwt(ALICE, List.of()), "GET", "/v1/generations/" + jobId, null))
                .path("items").path(0).path("files").path(0).path("path").asText();
        String fileUrl = "/v1/generations/" + jobId + "/files/rules/" + file;
        assertEquals(200, call(jwt(ALICE, List.of()), "GET", fileUrl, null).path("statusCode").asInt());
        assertEquals(404, call(jwt(BOB, List.of()), "GET", fileUrl, null).path("statusCode").asInt());
        assertEquals(404, call(null, "GET", fileUrl, null).path("statusCode").asInt(), "nor the local user");
    }

    @Test
    void aCallerListsOnlyItsOwnJobsNewestFirstAPageAtATimeAndReadsOnlyItsOwnDocuments() throws Exception {
        List<String> alices = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            alices.add(submit(jwt(ALICE, List.of()), DOCUMENT));
            Thread.sleep(5); // distinct createdAt instants, so newest first is one order
        }
        String bobs = submit(jwt(BOB, List.of()), DOCUMENT);
        pipeline.awaitExecutions();

        JsonNode first = body(call(jwt(ALICE, List.of()), "GET", "/v1/generations", null, "limit", "2"));
        assertEquals(List.of(alices.get(2), alices.get(1)), jobIds(first));
        assertEquals("/v1/generations?limit=2&after=" + alices.get(1), first.path("next").asText());
        JsonNode second = body(call(jwt(ALICE, List.of()), "GET", "/v1/generations", null,
                "limit", "2", "after", alices.get(1)));
        assertEquals(List.of(alices.get(0)), jobIds(second));
        assertEquals(1, second.path("jobs").path(0).path("items").asInt());
        assertEquals("SUCCEEDED", second.path("jobs").path(0).path("status").asText());
        assertEquals(List.of(bobs), jobIds(body(call(jwt(BOB, List.of()), "GET", "/v1/generations", null))));
        assertEquals(List.of(), jobIds(body(call(jwt(BOB, List.of()), "GET", "/v1/generations", null,
                "after", alices.get(2)))), "another's job as a cursor reveals nothing");
        JsonNode badLimit = call(jwt(BOB, List.of()), "GET", "/v1/generations", null, "limit", "1000");
        assertEquals(400, badLimit.path("statusCode").asInt());
        assertEquals("limit", body(badLimit).path("errors").path(0).path("field").asText());

        JsonNode document = body(call(jwt(ALICE, List.of()), "GET", "/v1/generations/" + alices.get(0) + "/document",
                null));
        assertEquals("rules", document.path("items").path(0).path("id").asText());
        assertEquals("p", document.path("items").path(0).path("prompt").asText());
        assertEquals(404, call(jwt(BOB, List.of()), "GET", "/v1/generations/" + alices.get(0) + "/document", null)
                .path("statusCode").asInt());
        JsonNode again = call(jwt(ALICE, List.of()), "POST", "/v1/generations", document.toString());
        assertEquals(202, again.path("statusCode").asInt(), "a job's document is a valid batch document");
    }

    private static List<String> jobIds(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("jobs").forEach(job -> ids.add(job.path("jobId").asText()));
        return ids;
    }

    @Test
    void anIamRoleIsOneOwnerWhateverTheSessionAndAnotherRoleIsNot() throws Exception {
        String jobId = submit(iam("arn:aws:sts::123456789012:assumed-role/Platform/alice-laptop"), DOCUMENT);
        pipeline.awaitExecutions();

        assertEquals(200, call(iam("arn:aws:sts::123456789012:assumed-role/Platform/ci-run-42"), "GET",
                "/v1/generations/" + jobId, null).path("statusCode").asInt());
        assertEquals(404, call(iam("arn:aws:sts::123456789012:assumed-role/Other/alice-laptop"), "GET",
                "/v1/generations/" + jobId, null).path("statusCode").asInt());
        assertEquals(404, call(iam("arn:aws:iam::123456789012:user/platform"), "GET",
                "/v1/generations/" + jobId, null).path("statusCode").asInt());
    }

    @Test
    void aClientTokenBindsWithinOneCallerOnly() throws Exception {
        String withToken = "{\"clientToken\": \"nightly-1\", " + DOCUMENT.substring(1);
        String alices = submit(jwt(ALICE, List.of()), withToken);
        String bobs = submit(jwt(BOB, List.of()), withToken);
        pipeline.awaitExecutions();

        assertNotEquals(alices, bobs, "Bob's token must not lead him to Alice's job");
        JsonNode again = call(jwt(ALICE, List.of()), "POST", "/v1/generations", withToken);
        assertEquals(alices, body(again).path("jobId").asText());
        assertEquals("true", again.path("headers").path("Idempotent-Replayed").asText());
    }

    @Test
    void onlyTheAdminScopeDeletesOrPurgesCacheEntries() throws Exception {
        JsonNode refused = call(jwt(ALICE, List.of("omni/generate")), "POST", "/v1/cache/purge", null);
        assertEquals(403, refused.path("statusCode").asInt());
        assertEquals("application/problem+json", refused.path("headers").path("Content-Type").asText());
        assertEquals("scope", body(refused).path("errors").path(0).path("field").asText());
        assertEquals(403, call(jwt(ALICE, List.of()), "DELETE", "/v1/cache/" + "a".repeat(64), null)
                .path("statusCode").asInt());

        assertEquals(200, call(jwt(BOB, List.of("omni/admin")), "POST", "/v1/cache/purge", null)
                .path("statusCode").asInt());
        assertEquals(404, call(jwt(BOB, List.of("omni/admin")), "DELETE", "/v1/cache/" + "a".repeat(64), null)
                .path("statusCode").asInt(), "allowed, and there is no such entry");
        assertEquals(200, call(iam("arn:aws:iam::123456789012:user/admin"), "POST", "/v1/cache/purge", null)
                .path("statusCode").asInt(), "IAM: the route's policy decided");
    }

    @Test
    void aScheduledRunIsTheStacksAndEveryCallerReadsIt() throws Exception {
        JsonNode started = pipeline.functions().invoke(LocalFunctions.API, Json.mapper().readTree(
                "{\"scheduledRun\": {\"name\": \"nightly\", \"scheduledTime\": \"2026-11-27T03:00:00Z\", "
                        + "\"document\": " + DOCUMENT + "}}"));
        pipeline.awaitExecutions();
        String jobId = started.path("jobId").asText();

        assertEquals(200, call(jwt(ALICE, List.of()), "GET", "/v1/generations/" + jobId, null).path("statusCode").asInt());
        JsonNode record = body(call(jwt(BOB, List.of()), "GET", "/v1/generations/" + jobId, null));
        assertEquals("schedule:nightly", record.path("owner").asText());
    }

    private String submit(ObjectNode authorizer, String document) throws LambdaFailure, IOException {
        JsonNode response = call(authorizer, "POST", "/v1/generations", document);
        assertEquals(202, response.path("statusCode").asInt(), response::toString);
        return body(response).path("jobId").asText();
    }

    private JsonNode call(ObjectNode authorizer, String method, String path, String body, String... query)
            throws LambdaFailure {
        ObjectNode event = Json.mapper().createObjectNode().put("version", "2.0").put("rawPath", path)
                .put("isBase64Encoded", false);
        if (query.length > 0) {
            ObjectNode parameters = event.putObject("queryStringParameters");
            for (int i = 0; i + 1 < query.length; i += 2) {
                parameters.put(query[i], query[i + 1]);
            }
        }
        event.putObject("headers").put("content-type", "application/json");
        ObjectNode context = event.putObject("requestContext");
        context.putObject("http").put("method", method).put("path", path);
        if (authorizer != null) {
            context.set("authorizer", authorizer);
        }
        if (body != null) {
            event.put("body", body);
        }
        return pipeline.functions().invoke(LocalFunctions.API, event);
    }

    private static ObjectNode jwt(String subject, List<String> scopes) {
        ObjectNode authorizer = Json.mapper().createObjectNode();
        ObjectNode jwt = authorizer.putObject("jwt");
        jwt.putObject("claims").put("sub", subject).put("iss", "https://issuer.example");
        scopes.forEach(jwt.putArray("scopes")::add);
        return authorizer;
    }

    private static ObjectNode iam(String arn) {
        ObjectNode authorizer = Json.mapper().createObjectNode();
        authorizer.putObject("iam").put("userArn", arn).put("accountId", "123456789012");
        return authorizer;
    }

    private static JsonNode body(JsonNode response) throws IOException {
        return Json.mapper().readTree(response.path("body").asText());
    }
}
