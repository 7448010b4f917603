package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * How one child execution of a Distributed Map ended, and the forms Step Functions gives it in the Map's
 * results: the whole execution record (NONE), its output alone (COMPACT), its output's elements (FLATTEN).
 * A failed child is always its whole record, with its Error and Cause.
 */
record ChildRun(long index, String executionArn, String name, String stateMachineArn, JsonNode input,
                JsonNode output, StatesError failure, Instant startDate, Instant stopDate) {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** What WriterConfig's Transformation makes of a child's result. */
    enum Transformation { NONE, COMPACT, FLATTEN }

    boolean succeeded() {
        return failure == null;
    }

    /** The child's entries in the results, in that transformation (FLATTEN gives an array's elements). */
    List<JsonNode> entries(Transformation transformation) {
        if (!succeeded() || transformation == Transformation.NONE) {
            return List.of(record());
        }
        if (transformation == Transformation.FLATTEN && output.isArray()) {
            ArrayNode elements = (ArrayNode) output;
            return java.util.stream.StreamSupport.stream(elements.spliterator(), false).toList();
        }
        return List.of(output);
    }

    /** The execution record, as DescribeExecution shows it: input and output as JSON text. */
    ObjectNode record() {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("ExecutionArn", executionArn);
        record.put("Input", JsonText.write(input));
        record.putObject("InputDetails").put("Included", true);
        record.put("Name", name);
        if (succeeded()) {
            record.put("Output", JsonText.write(output));
            record.putObject("OutputDetails").put("Included", true);
        } else {
            record.put("Error", failure.error());
            record.put("Cause", failure.cause());
        }
        record.put("RedriveCount", 0);
        record.put("StartDate", TIMESTAMP.format(startDate));
        record.put("StateMachineArn", stateMachineArn);
        record.put("Status", succeeded() ? "SUCCEEDED" : "FAILED");
        record.put("StopDate", TIMESTAMP.format(stopDate));
        return record;
    }
}
