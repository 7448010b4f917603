package dev.omniarchitect.local.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omniarchitect.json.Json;
import java.util.List;

/**
 * The bench's batch documents: N items whose kinds take turns, with prompts unique to a tag, so two
 * batches share cache entries exactly when they share a tag.
 */
public final class SyntheticBatch {

    private SyntheticBatch() {
    }

    /**
     * A document of that many items.
     *
     * @param tag    makes the prompts (and so the cache keys) unique to this batch
     * @param cache  the document's cache mode: {@code use} or {@code bypass}
     * @param kinds  the kinds that take turns
     */
    public static String of(int items, String tag, String cache, List<String> kinds) {
        ObjectNode document = Json.mapper().createObjectNode();
        document.putObject("options").put("cache", cache).put("timeoutSeconds", 60);
        ArrayNode list = document.putArray("items");
        for (int i = 0; i < items; i++) {
            list.addObject()
                    .put("id", "bench-" + i)
                    .put("kind", kinds.get(i % kinds.size()))
                    .put("prompt", "Bench item " + i + " of batch " + tag + ": a production-ready file for service "
                            + "s" + i + ", pinned versions, health checks, least privilege.");
        }
        return document.toString();
    }
}
