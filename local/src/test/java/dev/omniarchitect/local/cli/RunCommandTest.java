package dev.omniarchitect.local.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.json.Json;
import dev.omniarchitect.provider.BuiltInProviders;
import dev.omniarchitect.provider.ProviderDefinition;
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
        cases.put("items: must hold 1 to 10000 items, got 10001", "{\"items\": [" + IntStream.range(0, 10_001)
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

    @Test
    void whatIsWrongWithTheInputIsSaidBeforeAnyWork() throws IOException {
        Map<String, String> openAi = Map.of("OMNI_DEFAULT_PROVIDER", "openai", "OPENAI_BASE_URL", server.baseUrl());
        Path good = Files.writeString(temp.resolve("good.json"),
                "{\"items\": [{\"id\": \"a\", \"kind\": \"dockerfile\", \"prompt\": \"p\"}]}");

        Result directory = omni(openAi, "run", temp.toString());
        assertEquals(2, directory.status, directory.err);
        assertTrue(directory.err.contains(temp + " is a directory"), directory.err);

        Path file = Files.writeString(temp.resolve("not-a-directory"), "x");
        Result outIsAFile = omni(openAi, "run", good.toString(), "--out", file.toString());
        assertEquals(2, outIsAFile.status, outIsAFile.err);
        assertTrue(outIsAFile.err.contains("--out " + file + ": is a file, not a directory"), outIsAFile.err);
        Result outUnderAFile = omni(openAi, "run", good.toString(), "--out", file.resolve("deeper").toString());
        assertEquals(2, outUnderAFile.status, outUnderAFile.err);

        byte[] latin1 = "{\"items\": [{\"id\": \"a\", \"kind\": \"dockerfile\", \"prompt\": \"caf\u00e9\"}]}"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Path notUtf8 = Files.write(temp.resolve("latin1.json"), latin1);
        Result invalid = omni(openAi, "run", notUtf8.toString());
        assertEquals(2, invalid.status, invalid.err);
        assertTrue(invalid.err.contains("is not UTF-8: byte 59 (0xE9, line 1)"), invalid.err);

        Result mistral = omni(openAi, "run", good.toString(), "--provider", "mistral");
        assertEquals(2, mistral.status, mistral.err);
        assertTrue(mistral.err.contains("omni: option --provider: unknown provider \"mistral\"; known providers: "
                + "anthropic, bedrock, blueprint, ollama, openai"), mistral.err);
        assertFalse(mistral.err.contains("not a valid batch document"), "the document is fine: " + mistral.err);

        Result bogus = omni(Map.of("OMNI_DEFAULT_PROVIDER", "bogus"), "run", good.toString());
        assertEquals(2, bogus.status, bogus.err);
        assertTrue(bogus.err.contains("bad configuration: OMNI_DEFAULT_PROVIDER is \"bogus\""), bogus.err);

        assertEquals(0, server.calls(), "no provider may be called for any of these");
        assertFalse(Files.exists(temp.resolve("out")), "nothing is written for any of these");
    }

    @Test
    void jsonLinesRunAsTheSameDocumentAndTheirProblemsNameTheirLinesInTheClientAndInTheEngine() throws IOException {
        String badLines = "{\"options\": {\"cache\": \"bypass\"}}\n{\"id\": \"a\", \"kind\": \"dockerfile\", "
                + "\"prompt\": \"p\"}\n\n{\"id\": \"b\", \"kind\": \"spreadsheet\", \"prompt\": \"p\"}\n";
        Path bad = Files.writeString(temp.resolve("bad.jsonl"), badLines);
        Result beforeAnyEngine = omni(Map.of(), "run", bad.toString(), "--out", temp.resolve("out").toString());
        assertEquals(2, beforeAnyEngine.status, beforeAnyEngine.err);
        assertTrue(beforeAnyEngine.err.contains("  line 4: kind: "), beforeAnyEngine.err);

        Path lines = Files.writeString(temp.resolve("fleet.ndjson"), "{\"options\": {\"cache\": \"bypass\"}}\n"
                + "{\"id\": \"api\", \"kind\": \"dockerfile\", \"prompt\": \"an API\"}\n"
                + "{\"id\": \"deploy\", \"kind\": \"kubernetes\", \"prompt\": \"its deployment\"}\n");
        Result run = omni(Map.of(), "run", lines.toString(), "--json", "--out", temp.resolve("out").toString());
        assertEquals(0, run.status, run.err);
        JsonNode record = Json.mapper().readTree(run.out);
        assertEquals(2, record.path("items").size());
        assertEquals("api", record.path("items").path(0).path("id").asText());
        JsonNode cacheKey = record.path("items").path(0).path("cacheKey");
        assertTrue(cacheKey.isMissingNode() || cacheKey.isNull(), "the header's cache: bypass applies: " + cacheKey);

        Result inTheEngine = omni(Map.of(), "run", bad.toString(), "--out", temp.resolve("out").toString());
        assertEquals(2, inTheEngine.status, inTheEngine.err);
        assertTrue(inTheEngine.err.contains("  line 4: kind: "), "the engine names the line too: " + inTheEngine.err);

        Path named = Files.writeString(temp.resolve("fleet.txt"), Files.readString(lines));
        assertEquals(2, omni(Map.of(), "run", named.toString(), "--out", temp.resolve("out").toString()).status,
                "a .txt file is one JSON document unless told otherwise");
        Result told = omni(Map.of(), "run", named.toString(), "--jsonl", "--out", temp.resolve("out").toString());
        assertEquals(0, told.status, told.err);
    }

    @Test
    void aByteOrderMarkIsAcceptedAndDashReadsStandardInput() throws IOException {
        String document = "{\"items\": [{\"id\": \"a\", \"kind\": \"dockerfile\", \"prompt\": \"p\"}]}";
        Path bom = Files.writeString(temp.resolve("bom.json"), "\uFEFF" + document);
        Result withBom = omni(Map.of(), "run", bom.toString(), "--out", temp.resolve("out").toString());
        assertEquals(0, withBom.status, withBom.err);

        java.io.InputStream stdin = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream(document.replace("\"a\"", "\"from-stdin\"")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            Result piped = omni(Map.of(), "run", "-", "--json", "--out", temp.resolve("out").toString());
            assertEquals(0, piped.status, piped.err);
            assertEquals("from-stdin", Json.mapper().readTree(piped.out).path("items").path(0).path("id").asText());
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void aModelBlueprintIgnoresIsWarnedAboutOnceAndNoFilesIsSaidPlainly() throws IOException {
        Path file = Files.writeString(temp.resolve("model.json"), """
                {"model": "gpt-4o", "items": [
                  {"id": "a", "kind": "dockerfile", "prompt": "p"},
                  {"id": "b", "kind": "dockerfile", "prompt": "q"}]}""");
        Result result = omni(Map.of(), "run", file.toString(), "--out", temp.resolve("out").toString());
        assertEquals(0, result.status, result.err);
        assertEquals(1, result.err.split("ignores \"model\"", -1).length - 1, "warned once: " + result.err);
        assertTrue(result.err.contains("2 item(s) name one: a, b"), result.err);

        server.replies(request -> Reply.error(503, "down"));
        Path failing = Files.writeString(temp.resolve("failing.json"), """
                {"provider": "openai", "options": {"maxAttempts": 1}, "items": [
                  {"id": "a", "kind": "dockerfile", "prompt": "p"}]}""");
        Result none = omni(Map.of("OPENAI_BASE_URL", server.baseUrl()), "run", failing.toString(),
                "--out", temp.resolve("out").toString());
        assertEquals(1, none.status, none.err);
        assertTrue(none.out.contains("No files written."), none.out);
        assertFalse(none.out.contains("0 files written"), none.out);
    }

    @Test
    void aSecurityReviewThatFindsProblemsSucceedsAndShowsItsFindingsAndEveryItemItsCacheKey() throws IOException {
        Path file = Files.writeString(temp.resolve("review.json"), """
                {"items": [{"id": "legacy", "kind": "security-review", "prompt": "review it",
                  "input": "FROM node:latest\\nADD . /app\\nCMD node server.js\\n"},
                  {"id": "api", "kind": "dockerfile", "prompt": "p"}]}""");
        Result table = omni(Map.of(), "run", file.toString(), "--out", temp.resolve("out").toString());
        assertEquals(0, table.status, "a review that found problems has succeeded: " + table.out + table.err);
        String row = table.out.lines().filter(line -> line.startsWith("legacy")).findFirst().orElseThrow();
        assertTrue(row.contains("SUCCEEDED") && row.matches(".*found [1-9][0-9]*E [0-9]+W.*"), row);
        assertTrue(table.out.contains("legacy: error Dockerfile:1 dockerfile/"), table.out);
        assertTrue(table.out.contains("1 security review(s) found"), table.out);
        Path findings = onlyChild(temp.resolve("out")).resolve("findings.json");
        assertTrue(Json.mapper().readTree(findings.toFile()).path("legacy").size() > 0, Files.readString(findings));

        Result json = omni(Map.of(), "run", file.toString(), "--json", "--out", temp.resolve("out2").toString());
        JsonNode items = Json.mapper().readTree(json.out).path("items");
        assertTrue(items.path(0).path("validation").path("findings").size() > 0, json.out);
        for (JsonNode item : items) {
            assertTrue(item.path("cacheKey").asText().matches("[0-9a-f]{64}"), item.toString());
        }
    }

    @Test
    void runsHelpNamesEveryBuiltInProviderFromTheOneList() {
        String help = omni(Map.of(), "run", "--help").out.replaceAll("\\s+", " ");

        String names = BuiltInProviders.ALL.stream().map(ProviderDefinition::name)
                .collect(Collectors.joining(", "));
        assertTrue(help.contains("one of " + names), help);
    }

    @Test
    void theTopLevelHelpGivesEachCommandAWholeSentence() {
        Result top = omni(Map.of(), "--help");
        for (String command : new String[] {"run", "serve", "invoke", "providers"}) {
            String line = top.out.lines().filter(candidate -> candidate.trim().startsWith(command + " "))
                    .findFirst().orElseThrow(() -> new AssertionError(command + " missing:\n" + top.out));
            assertTrue(line.trim().endsWith("."), "cut mid-sentence: " + line);
        }
    }

    @Test
    void aProviderErrorThatQuotesThePromptLeavesNoTraceOfIt() throws IOException {
        String secret = "hunter2hunter2";
        String prompt = "deploy the billing service; the database password is " + secret;
        // A provider that refuses the request and quotes it back, as some do.
        server.replies(request -> new Reply(400, Json.mapper().createObjectNode().set("error",
                Json.mapper().createObjectNode()
                        .put("message", "Invalid request, your prompt was: " + LoopbackOpenAiServer.userMessage(request))
                        .put("type", "invalid_request_error")
                        .put("code", "bad " + secret)).toString(), Map.of("Content-Type", "application/json")));
        Path file = Files.writeString(temp.resolve("secret.json"), "{\"provider\": \"openai\", \"items\": ["
                + "{\"id\": \"billing\", \"kind\": \"kubernetes\", \"prompt\": \"" + prompt + "\"}]}");
        Map<String, String> env = Map.of("OPENAI_BASE_URL", server.baseUrl());

        Result table = omni(env, "run", file.toString(), "--out", temp.resolve("out").toString());
        Result json = omni(env, "run", file.toString(), "--json", "--out", temp.resolve("out").toString());

        assertEquals(1, table.status, table.err);
        assertTrue(server.calls() >= 2, "the provider was asked");
        assertTrue(table.out.contains("billing: PROVIDER_BAD_REQUEST: openai answered HTTP 400 "
                + "(invalid_request_error)"), table.out);
        JsonNode stored = Json.mapper().readTree(json.out);
        assertEquals("PROVIDER_BAD_REQUEST", stored.path("items").path(0).path("error").path("code").asText());
        String log = Files.readString(temp.resolve("data").resolve("logs").resolve("omni.log"));
        assertTrue(log.contains("provider.attempt_failed"), log);
        Map<String, String> seen = Map.of("the log file", log, "the table (stdout)", table.out,
                "stderr", table.err + json.err, "the stored job record (--json)", json.out);
        for (Map.Entry<String, String> place : seen.entrySet()) {
            assertFalse(place.getValue().contains(secret), "the secret is in " + place.getKey() + ":\n" + place.getValue());
            assertFalse(place.getValue().contains("billing service"), "the prompt is in " + place.getKey());
            assertFalse(place.getValue().contains("your prompt was"), "the provider's text is in " + place.getKey());
        }
    }

    @Test
    void theLargestDocumentedBatchRuns() throws IOException {
        Path file = Files.writeString(temp.resolve("largest.json"), LargestBatch.text("cli"));
        Result result = omni(Map.of(), "run", file.toString(), "--out", temp.resolve("out").toString());
        assertEquals(0, result.status, result.err);
        assertTrue(result.out.contains("100 items: 100 succeeded"), result.out);
    }

    @Test
    void aJobLargerThanAPageIsWrittenAPageAtATimeAndListedByExceptionOnly() throws IOException {
        StringBuilder lines = new StringBuilder("{\"provider\": \"blueprint\"}\n");
        for (int i = 0; i < 2_000; i++) {
            lines.append("{\"id\": \"svc-").append(i).append("\", \"kind\": \"dockerfile\", \"prompt\": \"fleet ")
                    .append(i).append("\"}\n");
        }
        Path file = Files.writeString(temp.resolve("fleet.jsonl"), lines);
        Path out = temp.resolve("fleet-out");

        Result table = omni(Map.of(), "run", file.toString(), "--out", out.toString());

        assertEquals(0, table.status, table.err);
        assertTrue(table.out.contains("2000 items: 2000 succeeded"), table.out);
        assertTrue(table.out.contains("(2000 more items succeeded; --json or GET /v1/generations/"), table.out);
        assertFalse(table.out.contains("svc-1999 "), "no row for an item that succeeded");
        String jobId = table.out.lines().filter(line -> line.startsWith("Job ")).findFirst().orElseThrow()
                .substring(4, 28);
        try (var files = Files.walk(out.resolve(jobId))) {
            long written = files.filter(Files::isRegularFile).count();
            assertEquals(4_000, written, "a Dockerfile and a .dockerignore for each of 2,000 items, every page's");
            assertTrue(table.out.contains(written + " files written under " + out.resolve(jobId) + "/"), table.out);
        }

        Result json = omni(Map.of(), "run", file.toString(), "--json", "--out", out.toString());
        assertEquals(0, json.status, json.err);
        var record = dev.omniarchitect.json.Json.mapper().readTree(json.out);
        assertEquals(2_000, record.path("items").size(), "every page's items, in one record");
        assertEquals(2_000, record.path("itemStates").size());
        assertEquals("svc-0", record.path("items").path(0).path("id").asText());
        assertEquals("svc-1999", record.path("items").path(1_999).path("id").asText());
        assertEquals(2_000, record.path("summary").path("cacheHits").asInt(), "the second run, from the cache");
    }

    private Result omni(Map<String, String> environment, String... args) {
        Map<String, String> env = new HashMap<>(environment);
        env.put("OMNI_DATA_DIR", temp.resolve("data").toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = OmniCommand.forArguments(new PrintWriter(out, true), new PrintWriter(err, true), env, args)
                .execute(args);
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
