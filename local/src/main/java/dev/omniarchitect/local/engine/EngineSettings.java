package dev.omniarchitect.local.engine;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;

/**
 * How an engine runs.
 *
 * @param dataDirectory the folder it owns
 * @param environment   the variables its functions see (providers, tables, defaults)
 * @param bind          the address it listens on: loopback, unless omni serve --bind says otherwise
 * @param port          its port, 0 for any free one
 * @param concurrency   the Map state's MaxConcurrency for jobs that ask for none
 * @param idleTimeout   how long it waits without a request or a running job before it exits; null: never
 * @param mode          {@link EngineInfo#BACKGROUND} or {@link EngineInfo#FOREGROUND}
 */
public record EngineSettings(DataDirectory dataDirectory, Map<String, String> environment, InetAddress bind, int port,
                             int concurrency,
                             Duration idleTimeout, String mode) {

    /** The variable that sets a background engine's idle timeout, in seconds. */
    public static final String IDLE_VARIABLE = "OMNI_ENGINE_IDLE_SECONDS";
    /** A background engine exits after this long without work unless {@link #IDLE_VARIABLE} says otherwise. */
    public static final Duration DEFAULT_IDLE = Duration.ofMinutes(15);

    public EngineSettings {
        environment = Map.copyOf(environment);
    }

    /** The idle timeout {@link #IDLE_VARIABLE} sets, else the default. */
    public static Duration idleTimeout(Map<String, String> environment) {
        String value = environment.get(IDLE_VARIABLE);
        if (value == null || value.isBlank()) {
            return DEFAULT_IDLE;
        }
        try {
            long seconds = Long.parseLong(value.trim());
            if (seconds >= 1 && seconds <= 7 * 24 * 3600) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException notANumber) {
            // Reported below with the allowed range.
        }
        throw new IllegalArgumentException(IDLE_VARIABLE + " must be a whole number of seconds from 1 to 604800, got \""
                + value + "\"");
    }
}
