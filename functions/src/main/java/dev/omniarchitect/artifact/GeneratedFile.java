package dev.omniarchitect.artifact;

import java.util.Objects;

/** One file produced for an item: a relative path and its text. */
public record GeneratedFile(String path, String content) {
    public GeneratedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
    }
}
