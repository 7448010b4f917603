package dev.omniarchitect.local.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.json.Json;
import dev.omniarchitect.testing.LoopbackOpenAiServer;
import dev.omniarchitect.testing.LoopbackOpenAiServer.Reply;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code omni run} as a user runs it: real files, persisted DynamoDB Local, exit statuses, help. */
class RunCommandTest {

    private static final Path MAIN_JOB = Path.of("..", "events", "batch-request.json");

    @TempDir
    Path temp;

    private LoopbackOpenAiServer server;

    @BeforeEach
    void start() {
        server = LoopbackOpenAiServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
        TestEngines.stop(temp.resolve("data"));
    }

    @Test
    void theMainJobRunsOfflineWritesFilesAndIsCachedTheSecondTime() throws IOException {
        Result first = omni(Map.of(), "run", MAIN_JOB.toString(), "--out", temp.resolve("out").toString());

        assertEquals(0, first.status, first.err);
        assertTrue(first.out.contains("SUCCEEDED"), first.out);
        for (String id : new String[] {"orders-dockerfile", "web-dockerfile", "orders-k8s", "local-stack",
                "artifacts-bucket", "orders-ci", "orders-alerts", "pod-hardening", "legacy-review"}) {
            assertTrue(first.out.contains(id), id + " missing from the table:\n" + first.out);
        }
        assertTrue(first.out.contains("blueprint"), "offline items must say blueprint");
        assertTrue(first.out.contains("not AI output"), first.out);
        assertTrue(first.err.contains("[9/9]"), "progress line: " + first.err);
        Path jobDirectory = onlyChild(temp.resolve("out"));
        assertTrue(Files.readString(jobDirectory.resolve("orders-dockerfile/Dockerfile")).startsWith("# syntax")
                || Files.readString(jobDirectory.resolve("orders-dockerfile/Dockerfile")).contains("FROM "));
        assertTrue(Files.exists(jobDirectory.resolve("orders-k8s/deployment.yaml")));
        assertTrue(Files.exists(jobDirectory.resolve("artifacts-bucket/main.tf")));
        assertTrue(Files.exists(jobDirectory.resolve("orders-ci/.github/workflows/ci.yml")));

        Result second = omni(Map.of(), "run", MAIN_JOB.toString(), "--out", temp.resolve("out2").toString());

        assertEquals(0, second.status, second.err);
        assertTrue(second.out.contains("9 from cache"), second.out);
        assertTrue(second.err.contains("cached 9"), second.err);
    }

    @Test
    void jsonPrintsTheJobRecord() throws IOException {
        Result result = omni(Map.of(), "run", MAIN_JOB.toString(), "--json", "--out", temp.resolve("out").toString());

        assertEquals(0, result.status, result.err);
        JsonNode record = Json.mapper().readTree(result.out);
        assertEquals("SUCCEEDED", record.path("status").asText());
        assertEquals(9, record.path("items").size());
        assertEquals(9, record.path("summary").path("succeeded").asInt());
        JsonNode first = record.path("items").path(0);
        assertEquals("orders-dockerfile", first.path("id").asText());
        assertEquals("blueprint", first.path("provider").asText());
        assertTrue(first.path("files").path(0).path("content").asText().contains("FROM "));
    }

    @Test
    void badDocumentsAreRefusedWithExitTwoBeforeAnyProviderCall() throws IOException {
        String item = "{\"id\": \"a\", \"kind\": \"dockerfile\", \"prompt\": \"p\"}";
        Map<String, String> cases = new HashMap<>();
        cases.put("items[1].id", "{\"items\": [" + item + ", " + item + "]}");
        cases.put("items[0].kind", "{\"items\": [{\"id\": \"a\", \"kind\": \"helm\", \"prompt\": \"p\"}]}");
        cases.put("items[0].prompt", "{\"items\": [{\"id\": \"a\", \"kind\": \"dockerfile\", \"prompt\": \"\"}]}");
        cases.put("items: must hold 1 to 100 items, got 101", "{\"items\": [" + IntStream.range(0, 101)
                .mapToObj(i -> "{\"id\": \"i" + i + "\", \"kind\": \"dockerfile\", \"prompt\": \"p\"}")
                .collect(Collectors.joining(",")) + "]}");
        cases.put("items[0].colour", "{\"items\": [{\"id\": \"a\", \"kind\": \"dockerfile\", \"prompt\": \"p\", "
                + "\"colour\": \"red\"}]}");
        cases.put("malformed JSON at line 2", "{\"items\": [\n  {\"id\": \"a\" \"kind\": \"x\"}]}");
        Map<String, String> openAi = Map.of("OMNI_DEFAULT_PROVIDER", "openai", "OPENAI_BASE_URL", server.baseUrl());
        for (Map.Entry<String, String> bad : cases.entrySet()) {
            Path file = temp.resolve("bad.json");
            Files.writeString(file, bad.getValue());
            Result result = omni(openAi, "run", file.toString(), "--out", temp.resolve("out").toString());
            assertEquals(2, result.status, bad.getKey() + ": " + result.err);
            assertTrue(result.err.contains(bad.getKey()), "expected " + bad.getKey() + " in:\n" + result.err);
        }
        assertEquals(0, server.calls(), "no provider may be called for a bad document");
    }

    @Test
    void someFailedItemsGiveExitOneAndTheErrorInTheTable() throws IOException {
        server.replies(request -> LoopbackOpenAiServer.userMessage(request).startsWith("broken")
                ? Reply.error(503, "overloaded")
                : Reply.answer(LoopbackOpenAiServer.defaultAnswer(request)));
        Path file = temp.resolve("batch.json");
        Files.writeString(file, """
                {"provider": "openai", "items": [
                  {"id": "good", "kind": "kubernetes", "prompt": "fine"},
                  {"id": "bad", "kind": "kubernetes", "prompt": "broken"}]}""");

        Result result = omni(Map.of("OPENAI_BASE_URL", server.baseUrl()), "run", file.toString(),
                "--out", temp.resolve("out").toString());

        assertEquals(1, result.status, result.err);
        assertTrue(result.out.contains("PARTIAL"), result.out);
        assertTrue(result.out.contains("bad: PROVIDER_UNAVAILABLE"), result.out);
    }

    @Test
    void providerOverrideAndNoCacheApplyToEveryItem() throws IOException {
        Path file = temp.resolve("batch.json");
        Files.writeString(file, "{\"provider\": \"openai\", \"model\": \"gpt-4.1\", \"items\": ["
                + "{\"id\": \"a\", \"kind\": \"terraform\", \"prompt\": \"bucket\"}]}");
        Map<String, String> env = Map.of("OPENAI_BASE_URL", server.baseUrl());

        Result result = omni(env, "run", file.toString(), "--provider", "blueprint", "--no-cache", "--json",
                "--out", temp.resolve("out").toString());
        Result again = omni(env, "run", file.toString(), "--provider", "blueprint", "--json",
                "--out", temp.resolve("out").toString());

        assertEquals(0, result.status, result.err);
        assertEquals(0, server.calls());
        JsonNode item = Json.mapper().readTree(result.out).path("items").path(0);
        assertEquals("blueprint", item.path("provider").asText());
        assertEquals("blueprint-v1", item.path("model").asText());
        assertFalse(Json.mapper().readTree(again.out).path("items").path(0).path("cached").asBoolean(),
                "--no-cache must not have written the cache");
    }

    @Test
    void badArgumentsGiveExitTwo() {
        assertEquals(2, omni(Map.of(), "run", MAIN_JOB.toString(), "--concurrency", "0").status);
        assertEquals(2, omni(Map.of(), "run", MAIN_JOB.toString(), "--refresh", "--no-cache").status);
        assertEquals(2, omni(Map.of(), "run").status);
        assertEquals(2, omni(Map.of(), "frobnicate").status);
        assertEquals(2, omni(Map.of(), "run", temp.resolve("missing.json").toString()).status);
        Result unknownProvider = omni(Map.of(), "run", MAIN_JOB.toString(), "--provider", "skynet");
        assertEquals(2, unknownProvider.status);
        assertTrue(unknownProvider.err.contains("unknown provider \"skynet\""), unknownProvider.err);
    }

    @Test
    void helpTextsDescribeEveryOption() {
        Result top = omni(Map.of(), "--help");
        assertEquals(0, top.status);
        assertTrue(top.out.contains("run") && top.out.contains("Exit status"), top.out);
        Result run = omni(Map.of(), "run", "--help");
        assertEquals(0, run.status);
        for (String option : new String[] {"--out", "--json", "--provider", "--concurrency", "--refresh", "--no-cache"}) {
            assertTrue(run.out.contains(option), option + " missing from:\n" + run.out);
        }
    }

    private Result omni(Map<String, String> environment, String... args) {
        Map<String, String> env = new HashMap<>(environment);
        env.put("OMNI_DATA_DIR", temp.resolve("data").toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = OmniCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), env).execute(args);
        return new Result(status, out.toString(), err.toString());
    }

    private static Path onlyChild(Path directory) throws IOException {
        try (Stream<Path> children = Files.list(directory)) {
            return children.reduce((a, b) -> {
                throw new AssertionError("more than one job folder in " + directory);
            }).orElseThrow();
        }
    }

    private record Result(int status, String out, String err) {
    }
}
