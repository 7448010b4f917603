package dev.omniarchitect.local.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.json.Json;
import dev.omniarchitect.testing.LoopbackOpenAiServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code omni serve --port 0} running in the test, its openai provider a loopback server, reached over
 * real HTTP with the JDK's client as curl would reach it.
 */
abstract class ServeTestBase {

    private static final Pattern LISTENING = Pattern.compile("API on (http://127\\.0\\.0\\.1:[0-9]+)");
    private static final Set<String> ENDED = Set.of("SUCCEEDED", "PARTIAL", "FAILED");

    @TempDir
    static Path temp;

    static LoopbackOpenAiServer provider;
    static URI api;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static Thread serving;
    private static final StringWriter serveErr = new StringWriter();

    @BeforeAll
    static void serve() throws InterruptedException {
        provider = LoopbackOpenAiServer.start();
        Map<String, String> environment = Map.of(
                "OMNI_DATA_DIR", temp.resolve("data").toString(),
                "OMNI_DEFAULT_PROVIDER", "openai",
                "OPENAI_BASE_URL", provider.baseUrl(),
                "OPENAI_API_KEY", "sk-loopback-secret-key-123456");
        StringWriter out = new StringWriter();
        serving = new Thread(() -> OmniCommand.commandLine(new PrintWriter(out, true), new PrintWriter(serveErr, true),
                environment).execute("serve", "--port", "0"), "omni-serve-under-test");
        serving.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (api == null) {
            Matcher matcher = LISTENING.matcher(out.toString());
            if (matcher.find()) {
                api = URI.create(matcher.group(1));
            } else if (!serving.isAlive() || System.nanoTime() > deadline) {
                fail("omni serve did not start: " + out + serveErr);
            } else {
                Thread.sleep(50);
            }
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        serving.interrupt();
        serving.join(Duration.ofSeconds(30).toMillis());
        assertTrue(!serving.isAlive(), "omni serve did not stop when interrupted");
        api = null;
        provider.close();
    }

    /** Sends the request, with more headers given as name, value, name, value... */
    static HttpResponse<String> send(String method, String path, String contentType, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, null);
    }

    static HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<String> postJson(String path, String body) throws IOException, InterruptedException {
        return send("POST", path, "application/json", body);
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return Json.mapper().readTree(response.body());
    }

    /**
     * The items (JSON, comma-separated) of a batch whose four prompt-distinct prometheus-rules items
     * {@code held-0..3} a held provider keeps: three calling under the Map's limit, the fourth queued.
     */
    static String heldItems() {
        String run = UUID.randomUUID().toString();
        return IntStream.range(0, 4).mapToObj(i -> "{\"id\": \"held-" + i
                        + "\", \"kind\": \"prometheus-rules\", \"prompt\": \"held " + i + " " + run + "\"}")
                .collect(Collectors.joining(","));
    }

    /** Polls the job until it has ended, and returns its record. */
    static JsonNode awaitEnd(String jobId) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            HttpResponse<String> response = get("/v1/generations/" + jobId);
            assertEquals(200, response.statusCode(), response.body());
            JsonNode record = json(response);
            if (ENDED.contains(record.path("status").asText())) {
                return record;
            }
            if (System.nanoTime() > deadline) {
                fail("job " + jobId + " did not end: " + record);
            }
            Thread.sleep(50);
        }
    }

    /** Asserts a problem document of that status naming that field. */
    static JsonNode assertProblem(HttpResponse<String> response, int status, String field) throws IOException {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        JsonNode problem = json(response);
        assertEquals(status, problem.path("status").asInt());
        assertTrue(problem.path("type").asText().startsWith("https://omniarchitect.dev/problems/"), problem.toString());
        assertTrue(!problem.path("title").asText().isEmpty() && !problem.path("detail").asText().isEmpty());
        assertTrue(problem.path("errors").isArray(), problem.toString());
        boolean named = false;
        for (JsonNode error : problem.path("errors")) {
            named |= error.path("field").asText().equals(field) && !error.path("message").asText().isEmpty();
        }
        assertTrue(named, "the problem must name " + field + ": " + problem);
        assertTrue(!response.body().contains("Exception") && !response.body().contains("dev.omniarchitect")
                && !response.body().contains("\tat "), "no class names or stack traces: " + response.body());
        return problem;
    }
}
