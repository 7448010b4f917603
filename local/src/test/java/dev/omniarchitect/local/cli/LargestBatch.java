package dev.omniarchitect.local.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omniarchitect.batch.BatchLimits;
import dev.omniarchitect.json.Json;

/**
 * README's largest batch of whole prompts: 100 blueprint items, each with a prompt of 16,000 characters (about
 * 1.6 MB), what the API took before jobs grew to 10,000 items; a document of 10,000 items fits the API's 5 MiB
 * with short prompts (FleetScaleTest).
 */
final class LargestBatch {

    static final int ITEMS = 100;

    private LargestBatch() {
    }

    /** The document as JSON; {@code tag} makes its prompts (and so its cache keys) its own. */
    static ObjectNode document(String tag) {
        ObjectNode document = Json.mapper().createObjectNode().put("provider", "blueprint");
        ArrayNode items = document.putArray("items");
        for (int i = 0; i < ITEMS; i++) {
            String start = "item " + i + " of " + tag + ": ";
            items.addObject().put("id", "item-" + i).put("kind", "dockerfile")
                    .put("prompt", start + "p".repeat(BatchLimits.MAX_PROMPT_CHARS - start.length()))
                    .putObject("params").put("runtime", "java");
        }
        return document;
    }

    /** The document's text, asserted to be the size README quotes. */
    static String text(String tag) {
        String text = document(tag).toString();
        if (text.length() < 1_600_000) {
            throw new AssertionError("the largest batch is only " + text.length() + " characters");
        }
        return text;
    }
}
