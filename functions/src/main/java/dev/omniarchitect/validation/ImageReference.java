package dev.omniarchitect.validation;

import java.util.Locale;
import java.util.Optional;

/**
 * A container image reference ({@code registry:5000/team/app:1.2.3@sha256:...}) as far as pinning goes:
 * an image without a tag, or tagged {@code latest}, changes under a deployment without anyone changing a
 * file; a digest pins it exactly.
 */
public record ImageReference(String reference, String tag, String digest) {

    /** Reads a reference; the tag and digest are null when absent. */
    public static ImageReference parse(String reference) {
        String name = reference.strip();
        String digest = null;
        int at = name.indexOf('@');
        if (at >= 0) {
            digest = name.substring(at + 1);
            name = name.substring(0, at);
        }
        String lastSegment = name.substring(name.lastIndexOf('/') + 1);
        int colon = lastSegment.indexOf(':');
        String tag = colon < 0 ? null : lastSegment.substring(colon + 1);
        return new ImageReference(reference.strip(), tag, digest);
    }

    /** What is wrong with how the image is pinned, if anything; nothing when a variable decides it. */
    public Optional<String> pinningProblem() {
        if (reference.contains("$") || digest != null && !digest.isEmpty()) {
            return Optional.empty();
        }
        if (tag == null || tag.isEmpty()) {
            return Optional.of("image " + reference + " has no tag, so it pulls whatever latest is");
        }
        if (tag.toLowerCase(Locale.ROOT).equals("latest")) {
            return Optional.of("image " + reference + " uses the mutable latest tag");
        }
        return Optional.empty();
    }
}
