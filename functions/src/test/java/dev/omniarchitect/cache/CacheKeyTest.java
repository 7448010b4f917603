package dev.omniarchitect.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.batch.BatchItem;
import dev.omniarchitect.batch.CacheMode;
import dev.omniarchitect.batch.ItemSettings;
import dev.omniarchitect.json.Json;
import dev.omniarchitect.kind.Kind;
import dev.omniarchitect.kind.KindRegistry;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CacheKeyTest {

    private final KindRegistry kinds = KindRegistry.builtIn();
    private final ItemSettings settings = new ItemSettings("openai", "gpt-4o-mini", 0.2, 4096, 120, CacheMode.USE, 3600, 3, List.of());

    @Test
    void isAStableSha256OfWhatShapesTheAnswer() throws Exception {
        String key = CacheKey.of(item("a", "prompt", "{\"port\":8080,\"name\":\"api\"}", settings), kinds.get("dockerfile"));
        assertTrue(CacheKey.isWellFormed(key), key);
        assertEquals(key, CacheKey.of(item("a", "prompt", "{\"name\":\"api\",\"port\":8080.0}", settings),
                kinds.get("dockerfile")), "key order and number spelling of params do not matter");
        assertEquals(key, CacheKey.of(item("other-id", "prompt", "{\"port\":8080,\"name\":\"api\"}",
                new ItemSettings("openai", "gpt-4o-mini", 0.2, 4096, 30, CacheMode.REFRESH, 60, 3, List.of())),
                kinds.get("dockerfile")), "id, timeout, cache mode and TTL do not shape the answer");
    }

    @Test
    void everyInputThatShapesTheAnswerChangesTheKey() throws Exception {
        Kind dockerfile = kinds.get("dockerfile");
        Kind newTemplate = new Kind("dockerfile", dockerfile.description(), dockerfile.systemPrompt(), "dockerfile/2",
                dockerfile.defaultFileNames(), dockerfile.fenceLanguages());
        List<String> keys = List.of(
                CacheKey.of(item("a", "p", "{}", settings), dockerfile),
                CacheKey.of(item("a", "p2", "{}", settings), dockerfile),
                CacheKey.of(item("a", "p", "{\"port\":1}", settings), dockerfile),
                CacheKey.of(item("a", "p", "{}", settings), kinds.get("kubernetes")),
                CacheKey.of(item("a", "p", "{}", settings), newTemplate),
                CacheKey.of(item("a", "p", "{}", new ItemSettings("blueprint", "gpt-4o-mini", 0.2, 4096, 120, CacheMode.USE, 3600, 3, List.of())), dockerfile),
                CacheKey.of(item("a", "p", "{}", new ItemSettings("openai", "gpt-4o", 0.2, 4096, 120, CacheMode.USE, 3600, 3, List.of())), dockerfile),
                CacheKey.of(item("a", "p", "{}", new ItemSettings("openai", "gpt-4o-mini", 0.3, 4096, 120, CacheMode.USE, 3600, 3, List.of())), dockerfile),
                CacheKey.of(item("a", "p", "{}", new ItemSettings("openai", "gpt-4o-mini", 0.2, 4000, 120, CacheMode.USE, 3600, 3, List.of())), dockerfile));
        Set<String> distinct = new HashSet<>(keys);
        assertEquals(keys.size(), distinct.size(), "each change must give a new key: " + keys);
        assertNotEquals(keys.get(0), keys.get(1));
    }

    private static BatchItem item(String id, String prompt, String params, ItemSettings settings) throws Exception {
        JsonNode node = Json.mapper().readTree(params);
        return new BatchItem(id, "dockerfile", prompt, node, settings);
    }
}
