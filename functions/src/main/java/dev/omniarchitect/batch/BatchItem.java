package dev.omniarchitect.batch;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One validated generation request of a batch.
 *
 * @param id        unique within the batch, {@code [a-z0-9][a-z0-9-]{0,63}}
 * @param kind      a known kind name
 * @param prompt    the user's request, 1 to 16,000 characters
 * @param params    a JSON object (possibly empty); treated as read-only
 * @param settings  the resolved settings
 * @param input     the existing file a {@code security-review} item reviews; null for other kinds
 */
public record BatchItem(String id, String kind, String prompt, JsonNode params, ItemSettings settings, String input) {

    /** An item without an input file. */
    public BatchItem(String id, String kind, String prompt, JsonNode params, ItemSettings settings) {
        this(id, kind, prompt, params, settings, null);
    }
}
