package dev.omniarchitect.kinds.githubactions;

import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.Rule;
import dev.omniarchitect.validation.document.LocatedNode;
import java.util.List;

/** A job's or step's {@code timeout-minutes} is a positive number of minutes, or an expression. */
final class TimeoutMinutes {

    static final Rule VALUE = Rule.error("github-actions/timeout-minutes-value",
            "Give timeout-minutes a number of minutes (e.g. 15) or a ${{ }} expression.");

    private TimeoutMinutes() {
    }

    /** The finding for a timeout-minutes value, if it is neither a positive number nor an expression. */
    static List<Finding> check(String path, LocatedNode timeout) {
        if (timeout.isMissing() || timeout.node().isNumber() && timeout.node().asDouble() > 0
                || timeout.text() != null && timeout.text().strip().matches("\\$\\{\\{.*}}")) {
            return List.of();
        }
        return List.of(VALUE.at(path, timeout.line(), timeout.path() + " is " + timeout.node()
                + ", not a positive number of minutes"));
    }
}
