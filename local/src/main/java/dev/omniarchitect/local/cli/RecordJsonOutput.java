package dev.omniarchitect.local.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omniarchitect.job.ItemResult;
import dev.omniarchitect.job.ItemState;
import dev.omniarchitect.job.JobRecord;
import dev.omniarchitect.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code omni run --json}: the job record as JobRecord serializes it, pretty-printed, its items written a page of
 * the record at a time as they arrive, so a 10,000-item job's files are never held whole.
 */
final class RecordJsonOutput {

    private final PrintWriter out;
    private final JsonGenerator json;
    private final List<ItemState> states = new ArrayList<>();
    private final List<Map.Entry<String, JsonNode>> afterItems = new ArrayList<>();

    RecordJsonOutput(PrintWriter out) throws IOException {
        this.out = out;
        this.json = Json.mapper().getFactory().createGenerator(out).useDefaultPrettyPrinter();
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    /** Writes the record's fields up to its items, from its first page. */
    void start(JobRecord first) throws IOException {
        ObjectNode fields = Json.mapper().valueToTree(first);
        json.writeStartObject();
        boolean beforeItems = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals("items")) {
                beforeItems = false;
            } else if (beforeItems) {
                json.writeFieldName(field.getKey());
                json.writeTree(field.getValue());
            } else {
                afterItems.add(field);
            }
        }
        json.writeArrayFieldStart("items");
    }

    /** Writes the items of that page of the record. */
    void add(JobRecord page) throws IOException {
        for (ItemResult item : page.items()) {
            json.writeObject(item);
        }
        states.addAll(page.itemStates());
    }

    /** Closes the items and writes the fields after them, every item's state among them. */
    void finish() throws IOException {
        json.writeEndArray();
        for (Map.Entry<String, JsonNode> field : afterItems) {
            json.writeFieldName(field.getKey());
            if (field.getKey().equals("itemStates")) {
                json.writeObject(states);
            } else {
                json.writeTree(field.getValue());
            }
        }
        json.writeEndObject();
        json.flush();
        out.println();
    }
}
