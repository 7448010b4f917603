package dev.omniarchitect.kinds.securityreview;

import dev.omniarchitect.kind.Kind;
import dev.omniarchitect.kinds.KindDefinition;
import java.util.List;
import java.util.Set;

/**
 * The {@code security-review} kind: findings on an existing file, the item's {@code input}. Its answer is
 * merged with the findings of the validator of the input's kind by {@link SecurityReview}.
 */
public final class SecurityReviewKind {

    /** This kind, its blueprint and its validator. */
    public static final KindDefinition DEFINITION = new KindDefinition(
            Kind.of("security-review", 1, "a security review of an existing file (the item's input)", """
                    You review an existing DevOps file for security problems: running as root, unpinned or \
                    latest images, secrets in the file, missing resource limits, over-broad permissions, \
                    public exposure, missing encryption. Answer with one fenced json block holding an array of \
                    findings, each an object with severity (error or warning), rule (a short kebab-case id), \
                    line (the 1-based line in the input, or null), message and fix. Report only real problems \
                    in the given file.""",
                    List.of(SecurityReview.FINDINGS_FILE), Set.of("json"))
                .documentingParams("none: the item's input is reviewed offline by the validators")
                .takingInput(),
            SecurityReviewBlueprint::new, null);

    private SecurityReviewKind() {
    }
}
