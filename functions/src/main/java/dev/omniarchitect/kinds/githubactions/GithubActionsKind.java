package dev.omniarchitect.kinds.githubactions;

import dev.omniarchitect.kind.Kind;
import dev.omniarchitect.kinds.KindDefinition;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The {@code github-actions} kind: a GitHub Actions workflow. */
public final class GithubActionsKind {

    /** This kind, its blueprint and its validator. */
    public static final KindDefinition DEFINITION = new KindDefinition(
            Kind.of("github-actions", 1, "a GitHub Actions workflow", """
                    You write GitHub Actions workflows: actions pinned to a release tag or commit, least \
                    privilege permissions, a concurrency group, caching of dependencies, and timeouts on every \
                    job. Put workflows under .github/workflows/.""",
                    List.of(".github/workflows/ci.yml"), Set.of("yaml", "yml"))
                .documentingParams("language (java, node, python, go), name, branches, timeoutMinutes, "
                        + "the language's version")
                .reviewable(Pattern.compile("(?m)^jobs:\\s*$"), ".github/workflows/workflow.yml", 30),
            GithubActionsBlueprint::new, GithubActionsValidator::new);

    private GithubActionsKind() {
    }
}
