package dev.omniarchitect.kinds.securityreview;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.kind.Kind;
import dev.omniarchitect.kind.KindRegistry;

/**
 * What kind of file a security-review item's input is, recognised from its content by the reviewable
 * kinds' signatures, so the kind's own validator can review it alongside the model.
 *
 * @param kind  the kind whose validator reads it, or null when none fits
 * @param file  the input as a file of that kind's default name
 */
public record ReviewedFile(String kind, GeneratedFile file) {

    /** The input's kind (the first reviewable kind whose signature it holds) and file; a kind of null when none fits. */
    public static ReviewedFile of(String input, KindRegistry kinds) {
        for (Kind kind : kinds.reviewable()) {
            if (kind.reviewSignature().matches(input)) {
                return new ReviewedFile(kind.name(), new GeneratedFile(kind.reviewSignature().fileName(), input));
            }
        }
        return new ReviewedFile(null, new GeneratedFile("input.txt", input));
    }
}
