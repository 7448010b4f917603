package dev.omniarchitect.local.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omniarchitect.job.ItemResult;
import dev.omniarchitect.job.JobRecord;
import dev.omniarchitect.job.JobStatus;
import dev.omniarchitect.limit.LimitState;
import dev.omniarchitect.limit.TokenBudget;
import dev.omniarchitect.limit.dynamodb.DynamoDbLeaseStore;
import dev.omniarchitect.testing.LoopbackOpenAiServer;
import dev.omniarchitect.testing.LoopbackOpenAiServer.Reply;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tokens count against a provider's tokens-per-minute budget, configured or published in its headers: each
 * call spends its estimate (prompt characters / 4 plus maxTokens) before it starts, waiting until it fits,
 * never failing for it, and the usage the provider reports corrects the estimate after it.
 */
class ProviderTokensTest extends PipelineTestBase {

    /** 1,000 tokens a second: a bucket of 60,000 holds two calls that may answer 20,000 tokens, not three. */
    private static final long PER_MINUTE = 60_000;
    private static final String BIG_ANSWERS = "{\"cache\": \"bypass\", \"maxTokens\": 20000}";

    private Map<String, String> extra = Map.of();

    @Override
    protected Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(super.environment());
        env.putAll(extra);
        return env;
    }

    private void restartWith(Map<String, String> variables) {
        pipeline.close();
        extra = variables;
        pipeline = pipeline(new dev.omniarchitect.local.asl.ExecutionListener() { });
    }

    private TokenBudget storedBudget() {
        LimitState state = new DynamoDbLeaseStore(pipeline.services().aws().dynamoDb(),
                pipeline.services().config().limitsTable()).read("openai", clock.instant()).join().state()
                .orElseThrow();
        return state.tokens();
    }

    @Test
    void aConfiguredBudgetHoldsCallsBackUntilTheirEstimateFitsAndUsageGivesTheRestBack() {
        restartWith(Map.of("OMNI_TOKENS_PER_MINUTE_OPENAI", Long.toString(PER_MINUTE)));
        server.latency(Duration.ofMillis(300));
        JobRecord record = run(Batches.of(4, BIG_ANSWERS));

        assertEquals(JobStatus.SUCCEEDED, record.status(), "waiting for tokens never fails an item");
        for (ItemResult item : record.items()) {
            assertEquals(1, item.attempts().size(), "a wait for tokens is not an attempt");
        }
        // Three lanes and a lease limit of 10, but two estimates fill the bucket: the third call waits for the
        // first one's usage (200 tokens) to give the rest of its estimate back.
        assertEquals(2, server.peakInFlight(), "the token budget, not the lanes, bounded the calls in flight");
        assertTrue(record.summary().leaseWaitMs() > 0, "the wait for tokens is shown as lease wait");
        TokenBudget budget = storedBudget();
        assertEquals(PER_MINUTE, budget.perMinute());
        // Four calls of 200 tokens each were used in all: the bucket is nearly full again.
        assertTrue(budget.available() >= PER_MINUTE - 4 * 200 - 1, "estimates corrected by usage: " + budget);
    }

    @Test
    void theProvidersTokenHeadersSetTheBudgetAndCapWhatIsLeft() {
        server.replies(request -> {
            Reply answer = Reply.answer(LoopbackOpenAiServer.defaultAnswer(request));
            return new Reply(200, answer.body(), Map.of("x-ratelimit-limit-tokens", "90000",
                    "x-ratelimit-remaining-tokens", "30000", "x-ratelimit-reset-tokens", "40s"));
        });
        JobRecord record = run(Batches.of(2, "{\"cache\": \"bypass\"}"));

        assertEquals(JobStatus.SUCCEEDED, record.status());
        TokenBudget budget = storedBudget();
        assertEquals(90_000, budget.perMinute(), "the published limit is the budget's rate");
        assertTrue(budget.available() <= 30_000 + 90_000.0 * (clock.millis() - budget.atMs()) / 60_000 + 1,
                "no more than the provider said was left: " + budget);
    }

    @Test
    void aConfiguredBudgetBelowThePublishedOneWins() {
        restartWith(Map.of("OMNI_TOKENS_PER_MINUTE_OPENAI", "50000"));
        server.replies(request -> {
            Reply answer = Reply.answer(LoopbackOpenAiServer.defaultAnswer(request));
            return new Reply(200, answer.body(), Map.of("x-ratelimit-limit-tokens", "90000",
                    "x-ratelimit-remaining-tokens", "89000"));
        });
        assertEquals(JobStatus.SUCCEEDED, run(Batches.of(1, "{\"cache\": \"bypass\"}")).status());
        assertEquals(50_000, storedBudget().perMinute());
    }
}
