package dev.omniarchitect.batch;

import java.util.Locale;
import java.util.Optional;

/** How a batch document is written: one JSON object, or JSON Lines (see {@link BatchLines}). */
public enum DocumentFormat {
    JSON("json"),
    JSON_LINES("jsonl");

    private final String wireName;

    DocumentFormat(String wireName) {
        this.wireName = wireName;
    }

    /** The name a request gives the format in. */
    public String wireName() {
        return wireName;
    }

    /** The format of that name; empty for any other. */
    public static Optional<DocumentFormat> named(String name) {
        for (DocumentFormat format : values()) {
            if (format.wireName.equals(name)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** What a file's name says it holds: JSON Lines for {@code .jsonl} and {@code .ndjson}, else JSON. */
    public static DocumentFormat ofFileName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return lower.endsWith(".jsonl") || lower.endsWith(".ndjson") ? JSON_LINES : JSON;
    }
}
