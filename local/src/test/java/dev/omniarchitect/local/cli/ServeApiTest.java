package dev.omniarchitect.local.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omniarchitect.batch.BatchItem;
import dev.omniarchitect.batch.BatchOverrides;
import dev.omniarchitect.cache.CacheKey;
import dev.omniarchitect.json.Json;
import dev.omniarchitect.runtime.AwsClients;
import dev.omniarchitect.runtime.FunctionConfig;
import dev.omniarchitect.runtime.FunctionServices;
import dev.omniarchitect.testing.LoopbackOpenAiServer;
import dev.omniarchitect.testing.LoopbackOpenAiServer.Reply;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The API through real HTTP against {@code omni serve}: jobs, progress, bundles, idempotency, sync mode. */
class ServeApiTest extends ServeTestBase {

    @AfterEach
    void answerAtOnce() {
        provider.latency(Duration.ZERO).replies(request -> Reply.answer(LoopbackOpenAiServer.defaultAnswer(request)));
        provider.resetCounts();
    }

    @Test
    void aJobsItemsArePagedInDocumentOrderWithACursorToTheNextPage() throws Exception {
        String run = UUID.randomUUID().toString();
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            items.append(i == 0 ? "" : ",").append("{\"id\": \"item-").append(i).append("\", \"kind\": \"dockerfile\", ")
                    .append("\"prompt\": \"paged ").append(i).append(' ').append(run).append("\"}");
        }
        HttpResponse<String> accepted = postJson("/v1/generations", "{\"provider\": \"blueprint\", \"items\": ["
                + items + "]}");
        assertEquals(202, accepted.statusCode(), accepted.body());
        String jobId = json(accepted).path("jobId").asText();
        awaitEnd(jobId);

        List<String> seen = new java.util.ArrayList<>();
        String next = "/v1/generations/" + jobId + "?limit=10";
        List<Integer> sizes = new java.util.ArrayList<>();
        while (next != null) {
            JsonNode page = json(get(next));
            assertEquals("SUCCEEDED", page.path("status").asText());
            assertEquals(25, page.path("progress").path("total").asInt(), "the progress is the whole job's");
            assertEquals(25, page.path("page").path("total").asInt());
            sizes.add(page.path("itemStates").size());
            for (int i = 0; i < page.path("itemStates").size(); i++) {
                String id = page.path("itemStates").path(i).path("id").asText();
                seen.add(id);
                assertEquals(id, page.path("items").path(i).path("id").asText(), "the page's own results");
            }
            next = page.path("page").has("next") ? page.path("page").path("next").asText() : null;
        }
        assertEquals(List.of(10, 10, 5), sizes);
        assertEquals(java.util.stream.IntStream.range(0, 25).mapToObj(i -> "item-" + i).toList(), seen);
        assertEquals(25, json(get("/v1/generations/" + jobId)).path("items").size(), "unpaged: the whole record");

        for (String query : List.of("limit=0", "limit=1001", "limit=ten", "cursor=not-ours", "cursor=aXRlbTotMQ")) {
            HttpResponse<String> refused = get("/v1/generations/" + jobId + "?" + query);
            assertEquals(400, refused.statusCode(), query + ": " + refused.body());
            String field = query.substring(0, query.indexOf('='));
            assertEquals(field, json(refused).path("errors").path(0).path("field").asText(), refused.body());
        }
    }

    @Test
    void aTwoThousandItemJobIsNeverOneResponseAndEveryItemIsReachedByPaging() throws Exception {
        String run = UUID.randomUUID().toString();
        String items = java.util.stream.IntStream.range(0, 2_000)
                .mapToObj(i -> "{\"id\": \"svc-" + i + "\", \"kind\": \"dockerfile\", \"prompt\": \"fleet " + i + " "
                        + run + "\"}")
                .collect(java.util.stream.Collectors.joining(","));
        HttpResponse<String> accepted = postJson("/v1/generations", "{\"provider\": \"blueprint\", \"items\": ["
                + items + "]}");
        assertEquals(202, accepted.statusCode(), accepted.body());
        String jobId = json(accepted).path("jobId").asText();
        awaitEnd(jobId);

        // Unpaged, a job larger than a page comes as its first page, with the whole job's progress and summary.
        JsonNode first = json(get("/v1/generations/" + jobId));
        assertEquals("SUCCEEDED", first.path("status").asText());
        assertEquals(2_000, first.path("summary").path("total").asInt());
        assertEquals(2_000, first.path("progress").path("done").asInt());
        assertEquals(1_000, first.path("itemStates").size());
        assertEquals(1_000, first.path("items").size());
        assertEquals(2_000, first.path("page").path("total").asInt());
        assertTrue(first.path("page").has("next"), first.path("page").toString());

        List<String> seen = new java.util.ArrayList<>();
        String next = "/v1/generations/" + jobId + "?limit=300";
        while (next != null) {
            JsonNode page = json(get(next));
            assertEquals(2_000, page.path("progress").path("total").asInt());
            for (int i = 0; i < page.path("itemStates").size(); i++) {
                String id = page.path("itemStates").path(i).path("id").asText();
                seen.add(id);
                assertEquals(id, page.path("items").path(i).path("id").asText(), "the page's own results");
                assertEquals("SUCCEEDED", page.path("items").path(i).path("status").asText());
            }
            next = page.path("page").has("next") ? page.path("page").path("next").asText() : null;
        }
        assertEquals(java.util.stream.IntStream.range(0, 2_000).mapToObj(i -> "svc-" + i).toList(), seen,
                "every item once, in document order");

        // The job's document too: its first 1,000 items, then the rest by the next link, every item in order.
        JsonNode documentPage = json(get("/v1/generations/" + jobId + "/document"));
        assertEquals(1_000, documentPage.path("items").size());
        List<String> documented = new java.util.ArrayList<>();
        documentPage.path("items").forEach(item -> documented.add(item.path("id").asText()));
        JsonNode rest = json(get(documentPage.path("page").path("next").asText()));
        rest.path("items").forEach(item -> documented.add(item.path("id").asText()));
        assertFalse(rest.path("page").has("next"), rest.path("page").toString());
        assertEquals(seen, documented, "the document's items, in order, across its pages");

        // The bundle comes a page of 500 items at a time, each response linking the next: every file once.
        java.util.Set<String> files = new java.util.HashSet<>();
        String bundle = "/v1/generations/" + jobId + "/bundle";
        int responses = 0;
        while (bundle != null) {
            HttpResponse<byte[]> part = getBytes(bundle);
            assertEquals(200, part.statusCode(), bundle);
            assertEquals("4", part.headers().firstValue("Bundle-Pages").orElseThrow());
            for (String name : unzip(part.body()).keySet()) {
                assertTrue(files.add(name), name + " in two parts");
            }
            responses++;
            java.util.regex.Matcher link = java.util.regex.Pattern.compile("<([^>]+)>; rel=\"next\"")
                    .matcher(part.headers().firstValue("Link").orElse(""));
            bundle = link.find() ? link.group(1) : null;
        }
        assertTrue(responses >= 4, "four pages of 500 items: " + responses);
        assertEquals(2 * 2_000, files.size(), "a Dockerfile and a .dockerignore of every item");
        assertTrue(files.contains("svc-1999/Dockerfile") && files.contains("svc-0/.dockerignore"), files.size() + "");
        assertEquals(400, getBytes("/v1/generations/" + jobId + "/bundle?page=5").statusCode(), "there are 4 pages");
    }

    @Test
    void aBatchIsAcceptedRunsWithProgressAndItsBundleHoldsEveryFile() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        provider.replies(request -> {
            if (LoopbackOpenAiServer.userMessage(request).contains("slow")) {
                await(release);
            }
            return Reply.answer(LoopbackOpenAiServer.defaultAnswer(request));
        });
        String run = UUID.randomUUID().toString();
        HttpResponse<String> accepted = postJson("/v1/generations", "{\"items\": ["
                + "{\"id\": \"fast\", \"kind\": \"prometheus-rules\", \"prompt\": \"fast " + run + "\"},"
                + "{\"id\": \"slow-a\", \"kind\": \"prometheus-rules\", \"prompt\": \"slow a " + run + "\"},"
                + "{\"id\": \"slow-b\", \"kind\": \"prometheus-rules\", \"prompt\": \"slow b " + run + "\"}]}");

        assertEquals(202, accepted.statusCode(), accepted.body());
        JsonNode body = json(accepted);
        String jobId = body.path("jobId").asText();
        assertEquals("QUEUED", body.path("status").asText());
        assertEquals("/v1/generations/" + jobId, body.path("statusUrl").asText());
        assertEquals("/v1/generations/" + jobId, accepted.headers().firstValue("Location").orElse(""));

        JsonNode running = pollUntil(jobId, record -> record.path("progress").path("done").asInt() == 1);
        assertEquals("RUNNING", running.path("status").asText(), running.toString());
        assertEquals(3, running.path("progress").path("total").asInt());
        assertEquals("fast", running.path("items").path(0).path("id").asText());
        HttpResponse<String> early = get("/v1/generations/" + jobId + "/bundle");
        assertProblem(early, 409, "jobId");
        release.countDown();

        JsonNode record = awaitEnd(jobId);
        assertEquals("SUCCEEDED", record.path("status").asText(), record.toString());
        assertEquals("inline", record.path("fileContent").asText());
        assertEquals(3, record.path("progress").path("done").asInt());
        Map<String, String> expected = files(record);
        assertEquals(3, expected.size());

        HttpResponse<byte[]> bundle = getBytes("/v1/generations/" + jobId + "/bundle");
        assertEquals(200, bundle.statusCode());
        assertEquals("application/zip", bundle.headers().firstValue("Content-Type").orElse(""));
        assertEquals("1", bundle.headers().firstValue("Bundle-Parts").orElse(""));
        assertTrue(bundle.headers().firstValue("Content-Disposition").orElse("").contains(jobId + ".zip"));
        assertEquals(expected, unzip(bundle.body()));
    }

    @Test
    void eachItemIsReportedQueuedWhileItWaitsForItsTurnAndCallingWhileItsProviderAnswers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        provider.heldUntil(release);
        try {
            String items = heldItems();
            HttpResponse<String> accepted = postJson("/v1/generations", "{\"items\": [" + items + "]}");
            assertEquals(202, accepted.statusCode(), accepted.body());
            String jobId = json(accepted).path("jobId").asText();

            // The Map runs 3 items of a job at once: while the provider holds them, the fourth waits its turn.
            JsonNode held = pollUntil(jobId, record -> states(record).equals(Map.of("calling", 3, "queued", 1))
                    && provider.calls() == 3);
            assertEquals("RUNNING", held.path("status").asText());
            assertEquals(0, held.path("progress").path("done").asInt());
            assertEquals(0, held.path("items").size(), "no item has ended");
            for (JsonNode state : held.path("itemStates")) {
                assertEquals(state.path("state").asText().equals("calling"), state.has("startedAt"), state.toString());
            }
            release.countDown();

            JsonNode record = awaitEnd(jobId);
            assertEquals(Map.of("succeeded", 4), states(record));
            JsonNode again = json(postJson("/v1/generations", "{\"items\": [" + items + "]}"));
            assertEquals(Map.of("cached", 4), states(awaitEnd(again.path("jobId").asText())),
                    "answers from the cache never call, and say so");
        } finally {
            release.countDown();
        }
    }

    /** How many items of the record are in each state. */
    private static Map<String, Integer> states(JsonNode record) {
        Map<String, Integer> counts = new HashMap<>();
        record.path("itemStates").forEach(state -> counts.merge(state.path("state").asText(), 1, Integer::sum));
        return counts;
    }

    @Test
    void theMainJobsBundleIsLaidOutByItemThenPath() throws Exception {
        // The main job's kinds through the offline provider, whose files pass every kind's validation.
        ObjectNode document = (ObjectNode) Json.mapper().readTree(
                Files.readString(Path.of("..", "events", "batch-request.json")));
        document.put("provider", "blueprint");
        HttpResponse<String> accepted = postJson("/v1/generations", document.toString());
        assertEquals(202, accepted.statusCode(), accepted.body());
        JsonNode record = awaitEnd(json(accepted).path("jobId").asText());
        assertEquals("SUCCEEDED", record.path("status").asText());
        java.util.Set<String> ids = new java.util.HashSet<>();
        document.path("items").forEach(item -> ids.add(item.path("id").asText()));
        assertEquals(document.path("items").size(), record.path("items").size());

        Map<String, String> entries = unzip(getBytes("/v1/generations/" + record.path("jobId").asText() + "/bundle")
                .body());
        assertEquals(files(record), entries);
        assertEquals(ids, entries.keySet().stream().map(name -> name.substring(0, name.indexOf('/')))
                .collect(Collectors.toSet()));
    }

    @Test
    void aClientTokenMakesTheSubmissionIdempotent() throws Exception {
        String token = "deploy-" + UUID.randomUUID();
        String first = "{\"clientToken\": \"" + token + "\", \"items\": [{\"id\": \"api\", \"kind\": \"prometheus-rules\","
                + " \"prompt\": \"a service\", \"params\": {\"port\": 8080, \"runtime\": \"java\"}}]}";
        // The same document, spelled differently: other key order and spacing.
        String same = "{ \"items\": [ {\"prompt\": \"a service\", \"kind\": \"prometheus-rules\", \"id\": \"api\","
                + " \"params\": {\"runtime\": \"java\", \"port\": 8080.0}} ],\n \"clientToken\": \"" + token + "\" }";
        String other = first.replace("a service", "another service");

        HttpResponse<String> created = postJson("/v1/generations", first);
        HttpResponse<String> repeated = postJson("/v1/generations", same);
        HttpResponse<String> conflicting = postJson("/v1/generations", other);

        assertEquals(202, created.statusCode(), created.body());
        String jobId = json(created).path("jobId").asText();
        assertEquals(202, repeated.statusCode(), repeated.body());
        assertEquals(jobId, json(repeated).path("jobId").asText(), "same token, same body: the same job");
        assertEquals("true", repeated.headers().firstValue("Idempotent-Replayed").orElse(""));
        JsonNode problem = assertProblem(conflicting, 409, "clientToken");
        assertTrue(problem.path("detail").asText().contains(jobId), problem.toString());
        awaitEnd(jobId);
        assertEquals(1, provider.calls(), "one job, one provider call");

        HttpResponse<String> afterwards = postJson("/v1/generations", first);
        assertEquals(jobId, json(afterwards).path("jobId").asText());
        assertEquals("SUCCEEDED", json(afterwards).path("status").asText(), "a repeat shows the job's status now");
        HttpResponse<String> fresh = postJson("/v1/generations", first.replace(token, token + "-2"));
        assertNotEquals(jobId, json(fresh).path("jobId").asText(), "a new token is a new job");
    }

    @Test
    void syncModeWithTwoItemsAnswersTheFinishedJobRecord() throws Exception {
        String run = UUID.randomUUID().toString();
        HttpResponse<String> response = postJson("/v1/generations", "{\"mode\": \"sync\", "
                + "\"options\": {\"timeoutSeconds\": 10}, \"items\": ["
                + "{\"id\": \"web\", \"kind\": \"prometheus-rules\", \"prompt\": \"web " + run + "\"},"
                + "{\"id\": \"k8s\", \"kind\": \"prometheus-rules\", \"prompt\": \"k8s " + run + "\"}]}");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        JsonNode record = json(response);
        assertEquals("SUCCEEDED", record.path("status").asText(), record.toString());
        assertEquals(2, record.path("summary").path("succeeded").asInt());
        for (JsonNode item : record.path("items")) {
            assertEquals("openai", item.path("provider").asText());
            assertTrue(item.path("files").path(0).path("content").asText().contains("alert: TargetDown"),
                    item.toString());
        }
        assertEquals(2, provider.calls());
        JsonNode stored = json(get("/v1/generations/" + record.path("jobId").asText()));
        assertEquals(record.path("items"), stored.path("items"), "a sync job is a job like any other");
    }

    @Test
    void syncModeRunsAtMostThreeProviderCallsAtOnce() throws Exception {
        provider.latency(Duration.ofMillis(400));
        String run = UUID.randomUUID().toString();
        HttpResponse<String> response = postJson("/v1/generations", "{\"mode\": \"sync\", "
                + "\"options\": {\"timeoutSeconds\": 12}, \"items\": [" + IntStream.range(0, 5)
                .mapToObj(i -> "{\"id\": \"i" + i + "\", \"kind\": \"prometheus-rules\", \"prompt\": \"" + run + i + "\"}")
                .collect(Collectors.joining(",")) + "]}");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(5, json(response).path("summary").path("succeeded").asInt());
        assertEquals(5, provider.calls());
        assertTrue(provider.peakInFlight() <= 3, "peak in flight " + provider.peakInFlight());
        assertTrue(provider.peakInFlight() >= 2, "items must run side by side: peak " + provider.peakInFlight());
    }

    @Test
    void syncModeWithSixItemsIsAProblemThatSaysToUseTheAsynchronousMode() throws Exception {
        HttpResponse<String> response = postJson("/v1/generations", "{\"mode\": \"sync\", "
                + "\"options\": {\"timeoutSeconds\": 5}, \"items\": [" + IntStream.range(0, 6)
                .mapToObj(i -> "{\"id\": \"i" + i + "\", \"kind\": \"prometheus-rules\", \"prompt\": \"p" + i + "\"}")
                .collect(Collectors.joining(",")) + "]}");

        JsonNode problem = assertProblem(response, 400, "items");
        assertTrue(problem.path("detail").asText().contains("asynchronous mode"), problem.toString());
        assertEquals(0, provider.calls(), "nothing runs for a refused batch");

    }

    @Test
    void syncModeWorksWithTheDefaultDeadlines() throws Exception {
        String run = UUID.randomUUID().toString();
        HttpResponse<String> response = postJson("/v1/generations", "{\"mode\": \"sync\", \"items\": ["
                + "{\"id\": \"web\", \"kind\": \"dockerfile\", \"provider\": \"blueprint\", \"prompt\": \"web " + run
                + "\", \"params\": {\"runtime\": \"java\"}},"
                + "{\"id\": \"k8s\", \"kind\": \"kubernetes\", \"provider\": \"blueprint\", \"prompt\": \"k8s " + run
                + "\"}]}");

        assertEquals(200, response.statusCode(), "each item's 120 s deadline is cut to the call's budget: "
                + response.body());
        assertEquals("SUCCEEDED", json(response).path("status").asText(), response.body());
        assertEquals(2, json(response).path("items").size());
    }

    @Test
    void whenTheSyncBudgetRunsOutTheAnswerIs202WithTheFinishedItemsAndTheRestRunsAsAJob() throws Exception {
        provider.latency(Duration.ofSeconds(2));
        String run = UUID.randomUUID().toString();
        HttpResponse<String> response = send("POST", "/v1/generations", "application/json", "{\"mode\": \"sync\", "
                + "\"items\": [" + IntStream.range(0, 5).mapToObj(i -> "{\"id\": \"i" + i
                        + "\", \"kind\": \"prometheus-rules\", \"prompt\": \"" + run + i + "\"}")
                .collect(Collectors.joining(",")) + "]}", "Prefer", "wait=6");

        assertEquals(202, response.statusCode(), "items 4 and 5 cannot start with 5 s left: " + response.body());
        assertEquals("wait=6", response.headers().firstValue("Preference-Applied").orElse(""));
        JsonNode partial = json(response);
        String jobId = partial.path("jobId").asText();
        assertEquals("/v1/generations/" + jobId, partial.path("statusUrl").asText(), partial.toString());
        assertEquals("/v1/generations/" + jobId, response.headers().firstValue("Location").orElse(""));
        int done = partial.path("items").size();
        assertTrue(done >= 1 && done < 5, "the items finished inside the call: " + partial);
        assertEquals(done, partial.path("progress").path("done").asInt());
        assertEquals(5, partial.path("progress").path("total").asInt());
        for (JsonNode item : partial.path("items")) {
            assertEquals("SUCCEEDED", item.path("status").asText(), "finished within the budget: " + item);
        }

        JsonNode ended = awaitEnd(jobId);
        assertEquals("SUCCEEDED", ended.path("status").asText(), ended.toString());
        assertEquals(5, ended.path("summary").path("total").asInt(), "the summary covers every item");
        assertEquals(5, ended.path("summary").path("succeeded").asInt());
        assertEquals(5, provider.calls(), "the items finished in the call are not generated again");
    }

    @Test
    void theCacheIsCountedDeletedAndPurgedThroughTheApi() throws Exception {
        // Each answer names the model asked for, as OpenAI's do, so entries differ by model.
        provider.replies(request -> {
            Reply reply = Reply.answer(LoopbackOpenAiServer.defaultAnswer(request));
            return new Reply(reply.status(), reply.body().replace("loopback-model-2026",
                    request.path("model").asText()), reply.headers());
        });
        String run = UUID.randomUUID().toString();
        String document = "{\"items\": ["
                + "{\"id\": \"one\", \"kind\": \"prometheus-rules\", \"prompt\": \"one " + run + "\"},"
                + "{\"id\": \"two\", \"kind\": \"prometheus-rules\", \"prompt\": \"two " + run + "\"},"
                + "{\"id\": \"three\", \"kind\": \"prometheus-rules\", \"model\": \"gpt-4.1\", "
                + "\"prompt\": \"three " + run + "\"}]}";
        JsonNode before = openAiStats();
        awaitEnd(json(postJson("/v1/generations", document)).path("jobId").asText());
        JsonNode afterFirst = openAiStats();
        assertEquals(3, afterFirst.path("entries").asLong() - before.path("entries").asLong());
        assertEquals(3, afterFirst.path("misses").asLong() - before.path("misses").asLong());
        JsonNode second = awaitEnd(json(postJson("/v1/generations", document)).path("jobId").asText());
        JsonNode afterSecond = openAiStats();
        assertEquals(3, afterSecond.path("hits").asLong() - afterFirst.path("hits").asLong());
        assertTrue(afterSecond.path("hitRatio").asDouble() > 0, afterSecond.toString());
        assertEquals(3, provider.calls(), "the second run came from the cache");

        // The job record names each item's cache entry, so the entry can be deleted by it.
        String key = second.path("items").path(0).path("cacheKey").asText();
        assertEquals(cacheKeyOf(document, 0), key, second.path("items").path(0).toString());
        assertEquals(204, send("DELETE", "/v1/cache/" + key, null, null).statusCode());
        assertProblem(send("DELETE", "/v1/cache/" + key, null, null), 404, "cacheKey");
        HttpResponse<String> purged = postJson("/v1/cache/purge", "{\"provider\": \"openai\", "
                + "\"model\": \"gpt-4.1\"}");
        assertEquals(200, purged.statusCode(), purged.body());
        assertTrue(json(purged).path("deleted").asInt() >= 1, purged.body());
        assertTrue(json(purged).path("complete").asBoolean());
        assertEquals("gpt-4.1", json(purged).path("filter").path("model").asText());
        assertEquals(afterSecond.path("entries").asLong() - 1 - json(purged).path("deleted").asLong(),
                openAiStats().path("entries").asLong());

        awaitEnd(json(postJson("/v1/generations", document)).path("jobId").asText());
        assertEquals(5, provider.calls(), "the deleted and the purged entry are generated again, the third is a hit");
    }

    @Test
    void providersListsWhatThisDeploymentCanUse() throws Exception {
        HttpResponse<String> response = get("/v1/providers");
        assertEquals(200, response.statusCode());
        JsonNode body = json(response);
        assertEquals("openai", body.path("defaultProvider").asText());
        Map<String, JsonNode> byName = new HashMap<>();
        body.path("providers").forEach(entry -> byName.put(entry.path("name").asText(), entry));
        assertTrue(byName.get("openai").path("configured").asBoolean());
        assertEquals("gpt-4o-mini", byName.get("openai").path("defaultModel").asText());
        assertTrue(byName.get("blueprint").path("configured").asBoolean());
        byName.values().forEach(entry -> assertTrue(!entry.path("defaultModel").asText().isEmpty()
                && !entry.path("configurationSource").asText().isEmpty(), entry.toString()));
        assertTrue(!response.body().contains("sk-loopback"), "never a key");
    }

    private static JsonNode openAiStats() throws Exception {
        HttpResponse<String> response = get("/v1/cache/stats");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode stats = json(response).path("byProvider").path("openai");
        return stats.isMissingNode() ? Json.mapper().createObjectNode() : stats;
    }

    /** The cache key of one item of the document, under the defaults {@code omni serve} runs with. */
    private static String cacheKeyOf(String document, int item) {
        Map<String, String> environment = Map.of("OMNI_DEFAULT_PROVIDER", "openai",
                "OPENAI_BASE_URL", provider.baseUrl(), "OPENAI_API_KEY", "sk-loopback-secret-key-123456");
        try (AwsClients aws = AwsClients.forLocalDynamoDb(URI.create("http://127.0.0.1:1"))) {
            FunctionServices services = new FunctionServices(FunctionConfig.fromEnvironment(environment), aws,
                    new PrintStream(OutputStream.nullOutputStream()), Clock.systemUTC());
            BatchItem parsed = services.batchParser().parse(document, BatchOverrides.NONE).items().get(item);
            return CacheKey.of(parsed, services.kinds().get(parsed.kind()));
        }
    }

    private static JsonNode pollUntil(String jobId, java.util.function.Predicate<JsonNode> condition)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonNode record = json(get("/v1/generations/" + jobId));
            if (condition.test(record)) {
                return record;
            }
            assertTrue(System.nanoTime() < deadline, "condition never met: " + record);
            Thread.sleep(20);
        }
    }

    /** Every file of the record as {@code itemId/path} to content. */
    static Map<String, String> files(JsonNode record) {
        Map<String, String> files = new HashMap<>();
        for (JsonNode item : record.path("items")) {
            for (JsonNode file : item.path("files")) {
                files.put(item.path("id").asText() + "/" + file.path("path").asText(), file.path("content").asText());
            }
        }
        return files;
    }

    static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
