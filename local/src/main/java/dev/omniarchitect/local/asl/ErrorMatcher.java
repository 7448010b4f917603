package dev.omniarchitect.local.asl;

import java.util.List;

/** The ErrorEquals of a retrier or catcher, with the exceptions Step Functions makes to its wildcards. */
record ErrorMatcher(List<String> errorEquals) {
    ErrorMatcher {
        errorEquals = List.copyOf(errorEquals);
    }

    /** Reads ErrorEquals, where States.ALL must stand alone and only in the last retrier or catcher. */
    static ErrorMatcher parse(FieldReader where, boolean last) {
        List<String> errorEquals = where.strings("ErrorEquals");
        if (errorEquals.contains(StatesError.ALL)) {
            if (errorEquals.size() > 1) {
                throw where.invalid("ErrorEquals", "must list States.ALL alone");
            }
            if (!last) {
                throw where.invalid("ErrorEquals", "may list States.ALL only in the last entry");
            }
        }
        return new ErrorMatcher(errorEquals);
    }

    boolean matches(String error) {
        // States.Runtime always fails the execution; nothing retries or catches it.
        if (StatesError.RUNTIME.equals(error)) {
            return false;
        }
        // A Fail state without Error reports no name, which only the wildcards can match.
        if (error != null && errorEquals.contains(error)) {
            return true;
        }
        // The wildcards leave out the terminal data limit error, and States.TaskFailed leaves out timeouts.
        if (StatesError.DATA_LIMIT_EXCEEDED.equals(error)) {
            return false;
        }
        return errorEquals.contains(StatesError.ALL)
                || errorEquals.contains(StatesError.TASK_FAILED) && !StatesError.TIMEOUT.equals(error);
    }
}
