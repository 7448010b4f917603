package dev.omniarchitect.local.runtime;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Batch documents for tests. */
final class Batches {

    private Batches() {
    }

    /** N items of assorted kinds, prompts "prompt 0".."prompt N-1", with that options object. */
    static String of(int items, String options) {
        String[] kinds = {"dockerfile", "kubernetes", "terraform", "github-actions", "docker-compose", "prometheus-rules"};
        return "{\"options\": " + options + ", \"items\": ["
                + IntStream.range(0, items)
                .mapToObj(i -> "{\"id\": \"item-" + i + "\", \"kind\": \"" + kinds[i % kinds.length]
                        + "\", \"prompt\": \"prompt " + i + "\"}")
                .collect(Collectors.joining(", "))
                + "]}";
    }
}
