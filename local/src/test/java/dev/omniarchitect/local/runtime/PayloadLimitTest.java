package dev.omniarchitect.local.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.job.JobRecord;
import dev.omniarchitect.job.JobStatus;
import dev.omniarchitect.local.asl.ExecutionListener;
import dev.omniarchitect.testing.LoopbackOpenAiServer;
import dev.omniarchitect.testing.LoopbackOpenAiServer.Reply;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** However large the answers, no state's input or output nears Step Functions' 256 KiB limit. */
class PayloadLimitTest extends PipelineTestBase {

    private static final int STEP_FUNCTIONS_LIMIT = 256 * 1024;

    @Test
    void aHundredItemsWithFiftyKilobyteAnswersStayFarBelowTheStateLimit() {
        AtomicLong largest = new AtomicLong();
        AtomicInteger observed = new AtomicInteger();
        ExecutionListener sizes = new ExecutionListener() {
            @Override
            public void stateEntered(String stateName, JsonNode input) {
                record(input);
            }

            @Override
            public void stateExited(String stateName, JsonNode output) {
                record(output);
            }

            private void record(JsonNode payload) {
                observed.incrementAndGet();
                largest.accumulateAndGet(payload.toString().getBytes(StandardCharsets.UTF_8).length, Math::max);
            }
        };
        pipeline.close();
        pipeline = pipeline(sizes);
        // About 50 KB of valid alerting rules, so the answer is kept as it is, without a repair round.
        String body = "groups:\n  - name: big.alerts\n    rules:\n" + IntStream.range(0, 180)
                .mapToObj(i -> "      - alert: Rule" + i + "\n        expr: up{job=\"web\",shard=\"" + i + "\"} == 0\n"
                        + "        for: 5m\n        labels:\n          severity: warning\n        annotations:\n"
                        + "          summary: \"shard " + i + " of {{ $labels.job }} is down\"\n"
                        + "          description: \"" + "x".repeat(120) + "\"\n")
                .collect(Collectors.joining());
        server.replies(request -> Reply.answer("```yaml path=big.yaml\n# " + LoopbackOpenAiServer.userMessage(request)
                .substring(0, 3) + "\n" + body + "```"));
        String prompt = "p".repeat(15_000);
        String document = "{\"items\": [" + IntStream.range(0, 100)
                .mapToObj(i -> "{\"id\": \"i" + i + "\", \"kind\": \"prometheus-rules\", \"prompt\": \"" + i + prompt + "\"}")
                .collect(Collectors.joining(",")) + "]}";

        JobRecord record = run(document);

        assertEquals(JobStatus.SUCCEEDED, record.status());
        assertEquals(100, record.items().size());
        record.items().forEach(item -> assertTrue(item.files().get(0).content().length() > 50_000, item.id()));
        assertTrue(observed.get() > 200, "the listener saw every state: " + observed.get());
        assertTrue(largest.get() < STEP_FUNCTIONS_LIMIT / 4,
                "largest state payload " + largest.get() + " bytes; the limit is " + STEP_FUNCTIONS_LIMIT);
    }
}
