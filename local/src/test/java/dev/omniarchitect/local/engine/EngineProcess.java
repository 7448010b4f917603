package dev.omniarchitect.local.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code omni serve --port 0} as its own JVM (the command line's main class on this test's class path),
 * so a test can stop it with real signals: {@link #kill()} is SIGKILL, {@link #terminate()} SIGTERM.
 * Its output is kept; {@link #close()} ends it forcibly if it still runs, so no test leaves it behind.
 */
public final class EngineProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("API on (http://127\\.0\\.0\\.1:[0-9]+)");

    private final Process process;
    private final List<String> output = new ArrayList<>();
    private final CompletableFuture<URI> api = new CompletableFuture<>();

    private EngineProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::read, "engine-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the engine with exactly that environment (nothing inherited but PATH), and waits until it serves. */
    public static EngineProcess start(Map<String, String> environment, Path workDirectory) {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "dev.omniarchitect.local.cli.OmniCommand", "serve", "--port", "0");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDirectory.toFile()).redirectErrorStream(true);
        String path = builder.environment().get("PATH");
        builder.environment().clear();
        builder.environment().put("PATH", path == null ? "/usr/bin:/bin" : path);
        builder.environment().putAll(environment);
        EngineProcess engine;
        try {
            Files.createDirectories(workDirectory);
            engine = new EngineProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the engine", e);
        }
        try {
            engine.api.get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            engine.close();
            throw new IllegalStateException("the engine did not start serving: " + engine.output(), e);
        }
        return engine;
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                synchronized (output) {
                    output.add(line);
                }
                Matcher matcher = LISTENING.matcher(line);
                if (matcher.find()) {
                    api.complete(URI.create(matcher.group(1)));
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        api.completeExceptionally(new IllegalStateException("the engine's output ended"));
    }

    public URI api() {
        return api.join();
    }

    long pid() {
        return process.pid();
    }

    /** Everything it printed so far. */
    public String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    /** Waits up to {@code wait} for that text in what it printed; whether it came. */
    public boolean awaitOutput(String text, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!output().contains(text)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /** SIGKILL: nothing of the engine runs on. */
    public int kill() throws InterruptedException {
        process.destroyForcibly();
        return process.waitFor();
    }

    /** Sends SIGTERM and waits up to {@code wait} for the process to end; its exit status. */
    int terminate(Duration wait) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the engine did not stop within " + wait + " of SIGTERM: " + output());
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
