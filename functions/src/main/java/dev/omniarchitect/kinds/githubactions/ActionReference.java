package dev.omniarchitect.kinds.githubactions;

import dev.omniarchitect.validation.ImageReference;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a {@code uses:} refers to and whether it is pinned: a release tag or a full commit SHA stays
 * what it was reviewed as, a branch ({@code @main}) runs whatever is pushed to it next.
 */
final class ActionReference {

    private static final Pattern VERSION_TAG = Pattern.compile("v?[0-9]+(\\.[0-9]+)*([-+.][0-9A-Za-z.-]+)?");
    private static final Pattern COMMIT_SHA = Pattern.compile("[0-9a-f]{40}");

    private ActionReference() {
    }

    /** Why the reference is not pinned, if it is not. */
    static Optional<String> problem(String uses) {
        String reference = uses.strip();
        if (reference.startsWith("./")) {
            return Optional.empty();
        }
        if (reference.startsWith("docker://")) {
            return ImageReference.parse(reference.substring("docker://".length())).pinningProblem();
        }
        int at = reference.lastIndexOf('@');
        if (at < 0) {
            return Optional.of(reference + " names no version: add @<release tag> or @<commit SHA>");
        }
        String ref = reference.substring(at + 1);
        if (VERSION_TAG.matcher(ref).matches() || COMMIT_SHA.matcher(ref).matches()) {
            return Optional.empty();
        }
        return Optional.of(reference + " follows " + ref + ", which is a branch or a moving name, not a release or commit");
    }
}
