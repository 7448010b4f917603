package dev.omniarchitect.local.cli;

/** The command line's exit statuses, as its help texts document them. */
final class ExitStatus {

    static final int OK = 0;
    static final int SOME_FAILED = 1;
    /** {@code omni invoke}: the function failed. */
    static final int FUNCTION_FAILED = 1;
    static final int BAD_INPUT = 2;
    static final int COULD_NOT_RUN = 3;

    private ExitStatus() {
    }
}
