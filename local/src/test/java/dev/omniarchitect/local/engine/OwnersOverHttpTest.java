package dev.omniarchitect.local.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.json.Json;
import dev.omniarchitect.local.api.RequestGuard;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code omni serve} as a process with two callers' tokens, over real HTTP: each reads only its own jobs
 * (another's is a 404, as a job that never was), only the admin token purges the cache, and no token is
 * stored or logged.
 */
class OwnersOverHttpTest {

    private static final String ALICE = "alice-token-5d41402abc4b2a76";
    private static final String BOB = "bob-token-7d793037a0760186";
    private static final String DOCUMENT = "{\"items\": [{\"id\": \"api\", \"kind\": \"dockerfile\", "
            + "\"prompt\": \"Spring Boot 3 on Java 21\", \"params\": {\"runtime\": \"java\"}}]}";

    @TempDir
    static Path temp;

    private static EngineProcess engine;
    private static URI api;

    @BeforeAll
    static void start() {
        engine = EngineProcess.start(Map.of(
                "OMNI_DATA_DIR", temp.resolve("data").toString(),
                "OMNI_DEFAULT_PROVIDER", "blueprint",
                "OMNI_API_TOKEN", ALICE,
                "OMNI_API_USER_TOKENS", BOB + ", carol-token-unused"), temp.resolve("work"));
        api = engine.api();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void eachTokenReadsOnlyItsOwnJobsAndOnlyTheAdminTokenPurges() throws Exception {
        String alices = submit(ALICE);
        String bobs = submit(BOB);
        JsonNode aliceRecord = awaitEnd(ALICE, alices);
        awaitEnd(BOB, bobs);

        assertEquals(404, send(BOB, "GET", "/v1/generations/" + alices).statusCode());
        assertEquals(404, send(ALICE, "GET", "/v1/generations/" + bobs).statusCode(), "admin is not a reader of all");
        assertEquals(404, send(BOB, "GET", "/v1/generations/" + alices + "/bundle").statusCode());
        String file = aliceRecord.path("items").path(0).path("files").path(0).path("path").asText();
        assertEquals(200, send(ALICE, "GET", "/v1/generations/" + alices + "/files/api/" + file).statusCode());
        assertEquals(404, send(BOB, "GET", "/v1/generations/" + alices + "/files/api/" + file).statusCode());
        assertEquals(401, send(null, "GET", "/v1/generations/" + alices).statusCode());

        HttpResponse<String> refused = send(BOB, "POST", "/v1/cache/purge");
        assertEquals(403, refused.statusCode(), refused.body());
        assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElse(""));
        assertEquals(200, send(ALICE, "POST", "/v1/cache/purge").statusCode());

        String owner = aliceRecord.path("owner").asText();
        assertTrue(owner.startsWith("jwt:local-"), owner);
        assertFalse(owner.contains(ALICE), "the owner is a digest of the token, never the token");
        try (Stream<Path> files = Files.walk(temp.resolve("data"))) {
            for (Path log : files.filter(path -> path.toString().endsWith(".log")).toList()) {
                String text = Files.readString(log);
                assertFalse(text.contains(ALICE) || text.contains(BOB), "a token in " + log);
            }
        }
        assertFalse(engine.output().contains(ALICE) || engine.output().contains(BOB), "a token on the console");
    }

    @Test
    void callersTokensWithoutTheEnginesOwnAreRefusedNamingBothVariables() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () ->
                RequestGuard.fromEnvironment(InetAddress.getLoopbackAddress(), Map.of("OMNI_API_USER_TOKENS", BOB)));
        assertTrue(refused.getMessage().contains("OMNI_API_USER_TOKENS") && refused.getMessage().contains(
                "OMNI_API_TOKEN"), refused.getMessage());
        assertFalse(refused.getMessage().contains(BOB), "the message never quotes a token");
    }

    private static String submit(String token) throws IOException, InterruptedException {
        HttpResponse<String> accepted = request(token, "POST", "/v1/generations", DOCUMENT);
        assertEquals(202, accepted.statusCode(), accepted.body());
        return Json.mapper().readTree(accepted.body()).path("jobId").asText();
    }

    private static JsonNode awaitEnd(String token, String jobId) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<String> response = send(token, "GET", "/v1/generations/" + jobId);
            assertEquals(200, response.statusCode(), response.body());
            JsonNode record = Json.mapper().readTree(response.body());
            if (Set.of("SUCCEEDED", "PARTIAL", "FAILED").contains(record.path("status").asText())) {
                return record;
            }
            if (System.nanoTime() > deadline) {
                fail("job " + jobId + " did not end: " + record);
            }
            Thread.sleep(100);
        }
    }

    private static HttpResponse<String> send(String token, String method, String path)
            throws IOException, InterruptedException {
        return request(token, method, path, null);
    }

    private static HttpResponse<String> request(String token, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return EngineApi.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
