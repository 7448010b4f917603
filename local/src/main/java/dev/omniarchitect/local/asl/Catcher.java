package dev.omniarchitect.local.asl;

import java.util.Set;

/** One entry of a state's Catch field. */
record Catcher(ErrorMatcher errors, String next, ResultPath resultPath) {
    private static final Set<String> FIELDS = Set.of("ErrorEquals", "Next", "ResultPath", "Comment");

    static Catcher parse(FieldReader where, boolean last) {
        where.allowOnly(FIELDS);
        return new Catcher(ErrorMatcher.parse(where, last), where.target("Next"),
                ResultPath.parse(where, "ResultPath"));
    }
}
