package dev.omniarchitect.local.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omniarchitect.job.Attempt;
import dev.omniarchitect.job.ItemResult;
import dev.omniarchitect.job.ItemStatus;
import dev.omniarchitect.job.JobRecord;
import dev.omniarchitect.job.JobStatus;
import dev.omniarchitect.provider.ErrorCode;
import dev.omniarchitect.testing.LoopbackHttpServer;
import dev.omniarchitect.testing.LoopbackOpenAiServer;
import dev.omniarchitect.testing.LoopbackOpenAiServer.Reply;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The provider fault matrix through the whole pipeline: retries, deadlines, fallback, bad answers, cost. */
class ResilienceTest extends PipelineTestBase {

    private static final String ANTHROPIC_KEY = "sk-ant-loopback-secret-987654";
    private static final String ANTHROPIC_ANSWER = """
            {"id": "msg_01", "type": "message", "role": "assistant", "model": "claude-haiku-4-5-20251001",
             "content": [{"type": "text", "text": "```yaml path=fallback.yaml\\n%s```"}],
             "stop_reason": "end_turn", "usage": {"input_tokens": 1000, "output_tokens": 500}}"""
            .formatted(LoopbackOpenAiServer.rules("by-anthropic").replace("\\", "\\\\").replace("\"", "\\\"")
                    .replace("\n", "\\n"));

    private LoopbackHttpServer anthropic;

    @Override
    protected Map<String, String> environment() {
        if (anthropic == null) {
            anthropic = LoopbackHttpServer.start("/v1/messages",
                    request -> LoopbackHttpServer.Reply.json(200, ANTHROPIC_ANSWER));
        }
        Map<String, String> env = new HashMap<>(super.environment());
        env.put("ANTHROPIC_BASE_URL", anthropic.origin());
        env.put("ANTHROPIC_API_KEY", ANTHROPIC_KEY);
        return env;
    }

    @AfterEach
    void stopAnthropic() {
        anthropic.close();
    }

    private static String oneItem(String extra) {
        return "{\"options\": {\"cache\": \"use\"" + extra + "}, \"items\": [{\"id\": \"svc\", \"kind\": \"prometheus-rules\","
                + " \"prompt\": \"a deployment for svc\"}]}";
    }

    @Test
    void a429WithRetryAfterIsRetriedOnceAfterThatWait() {
        AtomicInteger calls = new AtomicInteger();
        server.replies(request -> calls.incrementAndGet() == 1
                ? withHeader(Reply.error(429, "Rate limit reached"), "Retry-After", "1")
                : Reply.answer(LoopbackOpenAiServer.defaultAnswer(request)));

        ItemResult item = item(run(oneItem("")), "svc");

        assertEquals(ItemStatus.SUCCEEDED, item.status());
        assertEquals(2, server.calls());
        assertEquals(List.of("PROVIDER_RATE_LIMITED", Attempt.OK), outcomes(item));
        assertTrue(item.durationMs() >= 1000, "the retry must wait the second it was told: " + item.durationMs());
    }

    @Test
    void a503ThreeTimesEndsPROVIDER_UNAVAILABLEAfterThreeAttempts() {
        server.replies(request -> Reply.error(503, "The server is overloaded"));

        ItemResult item = item(run(oneItem("")), "svc");

        assertEquals(ItemStatus.FAILED, item.status());
        assertEquals(ErrorCode.PROVIDER_UNAVAILABLE, item.error().code());
        assertEquals(3, server.calls());
        assertEquals(List.of("PROVIDER_UNAVAILABLE", "PROVIDER_UNAVAILABLE", "PROVIDER_UNAVAILABLE"), outcomes(item));
    }

    @Test
    void maxAttemptsIsConfigurable() {
        server.replies(request -> Reply.error(500, "oops"));
        run(oneItem(", \"maxAttempts\": 1"));
        assertEquals(1, server.calls());
    }

    @Test
    void aServerThatNeverAnswersEndsPROVIDER_TIMEOUTAtTheDeadline() {
        server.latency(Duration.ofSeconds(20));

        ItemResult item = item(run(oneItem(", \"timeoutSeconds\": 2")), "svc");

        assertEquals(ErrorCode.PROVIDER_TIMEOUT, item.error().code());
        assertTrue(item.error().message().contains("2 s deadline"), item.error().message());
        // The deadline counts from the state's entry ($$.State.EnteredTime), which the item's child execution
        // records a few milliseconds before the function starts and the item's own duration begins.
        assertTrue(item.durationMs() >= 1_900, "gave up early: " + item.durationMs());
        // The deadline bounds the item, retries included: nowhere near the 20 s the server would take.
        assertTrue(item.durationMs() < 10_000, "gave up late: " + item.durationMs());
    }

    @Test
    void a401IsNotRetried() {
        server.replies(request -> Reply.error(401, "Incorrect API key provided: sk-abc...xyz"));

        ItemResult item = item(run(oneItem("")), "svc");

        assertEquals(1, server.calls());
        assertEquals(ErrorCode.PROVIDER_AUTH, item.error().code());
    }

    @Test
    void everyKindOfBadAnswerIsPROVIDER_BAD_RESPONSEAndNeverCached() {
        Map<String, Reply> badAnswers = Map.of(
                "not JSON", new Reply(200, "<html>502 Bad Gateway</html>", Map.of()),
                "no choices[0].message.content", new Reply(200, "{\"object\": \"chat.completion\"}", Map.of()),
                "empty", Reply.answer(""),
                "cut off", new Reply(200, "{\"choices\": [{\"message\": {\"content\": \"```yaml\\na: 1\"},"
                        + " \"finish_reason\": \"length\"}]}", Map.of()),
                "no fenced code block", Reply.answer("Sure! A Deployment needs replicas and probes."));
        for (Map.Entry<String, Reply> bad : badAnswers.entrySet()) {
            server.replies(request -> bad.getValue());
            server.resetCounts();
            ItemResult first = item(run(oneItem("")), "svc");
            assertEquals(ErrorCode.PROVIDER_BAD_RESPONSE, first.error().code(), bad.getKey());
            assertTrue(first.error().message().contains(bad.getKey()), first.error().message());
            assertEquals(1, server.calls(), "a bad answer is not retried: " + bad.getKey());

            ItemResult second = item(run(oneItem("")), "svc");
            assertFalse(second.cached(), "a bad answer must never be cached: " + bad.getKey());
            assertEquals(2, server.calls());
        }
    }

    @Test
    void whenThePrimaryIsDownTheFallbackServesAndBothAreRecorded() {
        server.replies(request -> Reply.error(503, "The server is overloaded"));

        JobRecord record = run("""
                {"provider": "openai", "fallback": ["anthropic", "blueprint"], "options": {"maxAttempts": 2},
                 "items": [{"id": "svc", "kind": "prometheus-rules", "prompt": "a deployment for svc"}]}""");

        ItemResult item = item(record, "svc");
        assertEquals(ItemStatus.SUCCEEDED, item.status());
        assertEquals("anthropic", item.provider());
        assertEquals("claude-haiku-4-5-20251001", item.model());
        assertEquals("fallback.yaml", item.files().get(0).path());
        assertEquals(List.of("openai", "openai", "anthropic"),
                item.attempts().stream().map(Attempt::provider).toList());
        assertEquals(List.of("PROVIDER_UNAVAILABLE", "PROVIDER_UNAVAILABLE", Attempt.OK), outcomes(item));
        assertEquals(ANTHROPIC_KEY, anthropic.received().get(0).headers().get("x-api-key"));
        // 1000 in and 500 out at claude-haiku-4-5's $1 and $5 per million.
        assertEquals(0.0035, item.costUsd(), 1e-9);
    }

    @Test
    void aFailureThatIsNotWorthRetryingDoesNotFallBack() {
        server.replies(request -> Reply.error(400, "Invalid 'messages'"));

        ItemResult item = item(run("""
                {"provider": "openai", "fallback": ["anthropic"],
                 "items": [{"id": "svc", "kind": "prometheus-rules", "prompt": "a deployment for svc"}]}"""), "svc");

        assertEquals(ErrorCode.PROVIDER_BAD_REQUEST, item.error().code());
        assertEquals(0, anthropic.calls());
    }

    @Test
    void ofNineItemsEveryThirdFailsAndNothingIsLost() {
        server.replies(request -> {
            int n = Integer.parseInt(LoopbackOpenAiServer.userMessage(request).replace("prompt ", ""));
            return n % 3 == 2 ? Reply.error(503, "down") : Reply.answer(LoopbackOpenAiServer.defaultAnswer(request));
        });

        JobRecord record = run(Batches.of(9, "{\"maxAttempts\": 2}"));

        assertEquals(JobStatus.PARTIAL, record.status());
        assertEquals(9, record.items().size());
        assertEquals(6, record.summary().succeeded());
        assertEquals(3, record.summary().failed());
        for (ItemResult item : record.items()) {
            int n = Integer.parseInt(item.id().replace("item-", ""));
            if (n % 3 == 2) {
                assertEquals(ErrorCode.PROVIDER_UNAVAILABLE, item.error().code(), item.id());
            } else {
                assertNull(item.error(), item.id());
                assertFalse(item.files().isEmpty(), item.id());
            }
        }
    }

    @Test
    void costIsEstimatedPerItemAndBatchAndCacheHitsShowWhatTheySaved() {
        server.replies(request -> {
            Reply reply = Reply.answer(LoopbackOpenAiServer.defaultAnswer(request));
            return new Reply(200, reply.body().replace("loopback-model-2026", "gpt-4o-mini-2024-07-18"), Map.of());
        });

        JobRecord first = run(Batches.of(3, "{}"));
        JobRecord second = run(Batches.of(3, "{}"));

        // 120 in and 80 out at gpt-4o-mini's $0.15 and $0.60 per million, per item.
        assertEquals(0.000066, item(first, "item-0").costUsd(), 1e-12);
        assertEquals(0.000198, first.summary().costUsd(), 1e-12);
        assertEquals(0.0, first.summary().costSavedUsd(), 1e-12);
        assertEquals(0, first.summary().unpricedItems());
        assertEquals(0.0, second.summary().costUsd(), 1e-12);
        assertEquals(0.000198, second.summary().costSavedUsd(), 1e-12);
    }

    @Test
    void aModelWithoutAPriceShowsUsageButNoCost() {
        JobRecord record = run(Batches.of(2, "{}"));
        ItemResult item = item(record, "item-0");
        assertEquals(120, item.usage().inputTokens());
        assertNull(item.costUsd(), "loopback-model-2026 has no price; none may be made up");
        assertEquals(2, record.summary().unpricedItems());
        assertEquals(0.0, record.summary().costUsd(), 1e-12);
    }

    @Test
    void logsOfARunWithKeysHoldNeitherKeyNorPrompt() {
        server.replies(request -> Reply.error(503, "down, key sk-loopback-secret-key-123456 was fine"));
        run("""
                {"provider": "openai", "fallback": ["anthropic"], "options": {"maxAttempts": 2},
                 "items": [{"id": "svc", "kind": "prometheus-rules", "prompt": "a very secret prompt text"}]}""");

        String logs = logText();
        assertTrue(logs.contains("provider.attempt_failed"), logs);
        assertFalse(logs.contains("sk-loopback-secret-key-123456"), "the OpenAI key was logged");
        assertFalse(logs.contains(ANTHROPIC_KEY), "the Anthropic key was logged");
        assertFalse(logs.contains("a very secret prompt text"), "the prompt was logged");
        assertFalse(logs.contains("by-anthropic"), "the answer was logged");
    }

    private static List<String> outcomes(ItemResult item) {
        return item.attempts().stream().map(Attempt::outcome).toList();
    }

    private static Reply withHeader(Reply reply, String name, String value) {
        Map<String, String> headers = new HashMap<>(reply.headers());
        headers.put(name, value);
        return new Reply(reply.status(), reply.body(), headers);
    }
}
