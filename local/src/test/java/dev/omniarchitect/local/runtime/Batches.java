package dev.omniarchitect.local.runtime;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Batch documents for tests. */
final class Batches {

    private Batches() {
    }

    /**
     * N prometheus-rules items (the kind the loopback server's default answer is valid for), prompts
     * "prompt 0".."prompt N-1", with that options object.
     */
    static String of(int items, String options) {
        return "{\"options\": " + options + ", \"items\": ["
                + IntStream.range(0, items)
                .mapToObj(i -> "{\"id\": \"item-" + i + "\", \"kind\": \"prometheus-rules\", \"prompt\": \"prompt "
                        + i + "\"}")
                .collect(Collectors.joining(", "))
                + "]}";
    }
}
