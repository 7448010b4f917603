package dev.omniarchitect.local.runtime;

import java.util.Map;

/**
 * How many executions the local engine runs at once: the one place for the setting's variable, default
 * and bounds. Each running execution holds a thread, plus one per provider call in flight; executions
 * resumed at start wait beyond it without a thread; a submission beyond it is refused (429).
 */
public final class ExecutionLimit {

    /** The environment variable that sets it. */
    public static final String VARIABLE = "OMNI_MAX_EXECUTIONS";
    public static final int MIN = 1;
    public static final int DEFAULT = 16;
    public static final int MAX = 256;

    private ExecutionLimit() {
    }

    /** The limit the environment sets, or the default; refuses a value out of bounds, naming it. */
    public static int from(Map<String, String> environment) {
        String text = environment.get(VARIABLE);
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= MIN && value <= MAX) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, as any other bad value
        }
        throw new IllegalArgumentException(VARIABLE + " must be a whole number from " + MIN + " to " + MAX
                + " (executions at once; default " + DEFAULT + "), got \"" + text + "\"");
    }
}
