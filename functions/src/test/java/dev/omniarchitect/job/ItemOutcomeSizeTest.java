package dev.omniarchitect.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omniarchitect.batch.BatchLimits;
import dev.omniarchitect.json.Json;
import dev.omniarchitect.provider.ErrorCode;
import dev.omniarchitect.provider.Usage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Step Functions fails an execution whose state input or output passes 256 KiB with States.DataLimitExceeded,
 * which no Catch sees. Item outcomes are bounded by construction and the execution carries references only, so
 * the largest job with the worst outcomes fits at every state of the definition.
 */
class ItemOutcomeSizeTest {

    private static final int STATE_LIMIT_BYTES = 256 * 1024;
    /** The longest Cause Step Functions keeps for an error, and the longest error name. */
    private static final int MAX_CAUSE_CHARS = 32_768;
    private static final int MAX_ERROR_NAME_CHARS = 256;

    private final ObjectMapper mapper = Json.mapper();

    @Test
    void aLongMessageIsCutAndItsControlCharactersBlanked() {
        ItemOutcome outcome = ItemOutcome.unstored("a", 1, new ItemError(ErrorCode.PROVIDER_BAD_REQUEST,
                "\u0001\u0002".repeat(5_000)));
        assertEquals(ItemOutcome.MAX_ERROR_MESSAGE_CHARS, outcome.error().message().length());
        assertTrue(outcome.error().message().chars().noneMatch(Character::isISOControl));
        ItemError untouched = new ItemError(ErrorCode.PROVIDER_TIMEOUT, "no answer within 120 s");
        assertEquals(untouched, ItemOutcome.unstored("a", 1, untouched).error());
    }

    @Test
    void theLargestJobWithWorstCaseOutcomesFitsEveryStateOfTheDefinition() throws Exception {
        String jobId = "20261206-185546-" + "f".repeat(8);
        // Whatever the job's size, the execution carries two references: the ids are in the items file.
        ObjectNode executionInput = mapper.valueToTree(new ExecutionInput(jobId, ItemsFile.key(jobId)));
        assertFits("execution input", executionInput);

        // A child execution's output is one outcome; the Map's ResultWriter keeps them all in the bucket.
        String itemId = "x".repeat(64);
        assertFits("a child execution's output", worstOutcome(jobId, itemId));
        ObjectNode child = mapper.createObjectNode().put("jobId", jobId).put("itemId", itemId);
        assertFits("a child execution's input", child);

        // The Map's output is where its manifest is, at the longest ARN and key Step Functions and S3 allow.
        ObjectNode aggregateInput = executionInput.deepCopy();
        ObjectNode mapRun = aggregateInput.putObject("mapRun").put("MapRunArn", "a".repeat(2_000));
        mapRun.putObject("ResultWriterDetails").put("Bucket", "b".repeat(63)).put("Key", "k".repeat(1_024));
        assertFits("Map output into Aggregate", aggregateInput);

        // The Catch adds the error to the state's input before MarkJobFailed.
        ObjectNode markFailedInput = aggregateInput.deepCopy();
        markFailedInput.putObject("failure").put("Error", "E".repeat(MAX_ERROR_NAME_CHARS))
                .put("Cause", "\"".repeat(MAX_CAUSE_CHARS));
        assertFits("MarkJobFailed input", markFailedInput);
        assertTrue(BatchLimits.MAX_ITEMS >= 10_000);
    }

    /** Every field at its longest, the message full of characters JSON escapes or writes in three bytes. */
    private static ItemOutcome worstOutcome(String jobId, String itemId) {
        String message = "\"\\€".repeat(10_000);
        return new ItemOutcome(itemId, ItemStatus.FAILED, false, "p".repeat(32), "m".repeat(200), Long.MAX_VALUE,
                new Usage(Long.MAX_VALUE, Long.MAX_VALUE), -Double.MAX_VALUE, -Double.MAX_VALUE,
                "dynamodb://" + "t".repeat(255) + "/" + jobId + "/result#" + itemId,
                new ItemError(ErrorCode.PROVIDER_BAD_RESPONSE, message), Long.MAX_VALUE);
    }

    private void assertFits(String state, Object value) throws Exception {
        int bytes = mapper.writeValueAsString(value).getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes < STATE_LIMIT_BYTES, state + " is " + bytes + " bytes, over Step Functions' 256 KiB");
    }
}
