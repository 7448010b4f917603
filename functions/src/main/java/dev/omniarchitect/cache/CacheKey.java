package dev.omniarchitect.cache;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omniarchitect.batch.BatchItem;
import dev.omniarchitect.json.ContentHash;
import dev.omniarchitect.kind.Kind;
import java.math.BigDecimal;

/**
 * The cache key of an item: SHA-256 over the canonical JSON of everything that shapes the answer
 * (provider, model, kind, prompt, params, a reviewed input file, prompt-template version, temperature,
 * max tokens), and
 * nothing that does not (item id, timeout, cache TTL).
 */
public final class CacheKey {

    private CacheKey() {
    }

    /** The 64-hex-digit key of this item of this kind. */
    public static String of(BatchItem item, Kind kind) {
        ObjectNode canonical = JsonNodeFactory.instance.objectNode()
                .put("provider", item.settings().provider())
                .put("model", item.settings().model())
                .put("kind", kind.name())
                .put("templateVersion", kind.templateVersion())
                .put("prompt", item.prompt())
                .put("temperature", BigDecimal.valueOf(item.settings().temperature()))
                .put("maxTokens", item.settings().maxTokens());
        canonical.set("params", item.params() == null ? JsonNodeFactory.instance.objectNode() : item.params());
        if (item.input() != null) {
            canonical.put("input", item.input());
        }
        return ContentHash.of(canonical);
    }

    /** Whether the text has the form of a cache key. */
    public static boolean isWellFormed(String key) {
        return key != null && key.matches("[0-9a-f]{64}");
    }
}
