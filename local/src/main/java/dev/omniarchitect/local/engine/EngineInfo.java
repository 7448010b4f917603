package dev.omniarchitect.local.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.omniarchitect.json.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * What the discovery file says about the engine that owns a data directory.
 *
 * @param pid          its process id
 * @param processStart when that process started, so a reused pid is not taken for the engine
 * @param port         its loopback port
 * @param buildId      the build it runs, so a client of another build replaces it
 * @param environment  the fingerprint of the provider settings it runs with
 * @param mode         {@code background} (started by a client, exits when idle) or {@code foreground} (omni serve)
 * @param token        the API token clients must send, when {@code OMNI_API_TOKEN} is set
 */
public record EngineInfo(long pid, Instant processStart, int port, String buildId, String environment, String mode,
                         String token) {

    public static final String BACKGROUND = "background";
    public static final String FOREGROUND = "foreground";

    /** Where the engine's API is. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    boolean foreground() {
        return FOREGROUND.equals(mode);
    }

    /** Whether that process still runs: same pid and the same start time. */
    public boolean processAlive() {
        return ProcessHandle.of(pid)
                .filter(handle -> running(handle.pid()))
                .filter(handle -> processStart == null || handle.info().startInstant()
                        .map(start -> Math.abs(start.toEpochMilli() - processStart.toEpochMilli()) < 2_000)
                        .orElse(true))
                .isPresent();
    }

    /**
     * Whether a process runs. An engine is no child of the client that started it (see {@link EngineLauncher}):
     * once it ends, its parent is init, and where init does not reap its orphans (a container's first
     * process may not) it stays a zombie, which the JDK counts as alive. Linux says so in /proc.
     */
    public static boolean running(long pid) {
        if (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int afterName = stat.lastIndexOf(')');
            return afterName < 0 || afterName + 2 >= stat.length() || stat.charAt(afterName + 2) != 'Z';
        } catch (IOException | RuntimeException noProc) {
            // No /proc (not Linux), or the process ended just now: the JDK's answer above stands.
            return true;
        }
    }

    /** Whether this engine's process ended within the wait, as {@link #processAlive} sees it. */
    public boolean awaitEnd(Duration wait) {
        return awaitWhile(this::processAlive, wait);
    }

    /** Whether that process ended within the wait, as {@link #running} sees it: gone, or a zombie. */
    public static boolean awaitEnd(long pid, Duration wait) {
        return awaitWhile(() -> running(pid), wait);
    }

    private static boolean awaitWhile(BooleanSupplier alive, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (alive.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !alive.getAsBoolean();
            }
        }
        return true;
    }

    /** The discovery file's content, if there is one that can be read. */
    public static Optional<EngineInfo> read(Path file) {
        try {
            return Optional.of(Json.mapper().readValue(Files.readAllBytes(file), EngineInfo.class));
        } catch (NoSuchFileException missing) {
            return Optional.empty();
        } catch (JsonProcessingException damaged) {
            return Optional.empty();
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    /** Writes the discovery file at once, owner only. */
    public void write(Path file) throws IOException {
        DataDirectory.writePrivate(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
    }
}
