package dev.omniarchitect.local.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a client's time went, printed on stderr when {@code OMNI_TIMINGS} is set ({@code omni bench}
 * reads it): each phase the command marks, from the command's start. What the whole process took
 * beyond them is the JVM's start and exit (the process's own start time is only known to the second).
 */
final class ClientTimings {

    /** The variable that turns the timings on. */
    static final String VARIABLE = dev.omniarchitect.local.engine.EngineEnvironment.CLIENT_TIMINGS;

    private final boolean on;
    private final Map<String, Long> phases = new LinkedHashMap<>();
    private long last = System.nanoTime();

    private ClientTimings(boolean on) {
        this.on = on;
    }

    static ClientTimings from(Map<String, String> environment) {
        return new ClientTimings(environment.containsKey(VARIABLE));
    }

    /** The phase that has just ended, timed from the previous mark. */
    void mark(String phase) {
        if (on) {
            long now = System.nanoTime();
            phases.put(phase, Duration.ofNanos(now - last).toMillis());
            last = now;
        }
    }

    void print(PrintWriter err) {
        if (on) {
            StringBuilder line = new StringBuilder("omni timings:");
            phases.forEach((phase, millis) -> line.append(' ').append(phase).append('=').append(millis));
            err.println(line);
        }
    }
}
