package dev.omniarchitect.local.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One {@code ./omni} process as a user starts it, timed from its start to its end, its peak memory sampled. */
final class OmniProcess {

    /** How often the peak resident sets are read while the process runs. */
    private static final long SAMPLE_MILLIS = 100;

    private OmniProcess() {
    }

    /**
     * A finished process: its wall time, output, and the largest peak RSS seen of the launcher or a process it
     * started and waited for (the client's JVM, which the launcher runs as its child while it records the class
     * archive); -1 where the kernel does not say.
     */
    record Outcome(double millis, String stdout, String stderr, long peakRssKb) {
    }

    /**
     * Runs {@code launcher args} with exactly that environment; fails unless it ends with status 0 (or 1 for
     * {@code engine} commands, which say so when no engine runs) within {@code limit}.
     */
    /**
     * Reads the peak RSS of the process and its descendants. An engine it starts is detached at once (its parent
     * shell exits), so it is not among them beyond its first milliseconds, when its memory is a bare JVM's.
     */
    private static void sample(ProcessHandle process, Map<Long, Long> peaks) {
        try (java.util.stream.Stream<ProcessHandle> family = java.util.stream.Stream.concat(
                java.util.stream.Stream.of(process), process.descendants())) {
            family.forEach(member -> {
                long peak = PeakMemory.peakRssKb(member.pid());
                if (peak > 0) {
                    peaks.merge(member.pid(), peak, Math::max);
                }
            });
        }
    }

    static Outcome run(Path launcher, Map<String, String> environment, Duration limit, String... args) {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("omni-bench-out", ".txt");
            Path err = Files.createTempFile("omni-bench-err", ".txt");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                        .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                builder.environment().clear();
                builder.environment().putAll(environment);
                long start = System.nanoTime();
                Process process = builder.start();
                long deadline = start + limit.toNanos();
                Map<Long, Long> peaks = new HashMap<>();
                while (!process.waitFor(SAMPLE_MILLIS, TimeUnit.MILLISECONDS)) {
                    sample(process.toHandle(), peaks);
                    if (System.nanoTime() > deadline) {
                        process.destroyForcibly();
                        throw new IllegalStateException("./omni " + String.join(" ", args) + " did not end in "
                                + limit.toMinutes() + " min");
                    }
                }
                double millis = (System.nanoTime() - start) / 1e6;
                String stdout = Files.readString(out, StandardCharsets.UTF_8);
                String stderr = Files.readString(err, StandardCharsets.UTF_8);
                boolean statusExpected = process.exitValue() == 0
                        || (args.length > 1 && args[0].equals("engine") && process.exitValue() == 1);
                if (!statusExpected) {
                    throw new IllegalStateException("./omni " + String.join(" ", args) + " ended " + process.exitValue()
                            + ": " + stderr);
                }
                return new Outcome(millis, stdout, stderr, peaks.values().stream().mapToLong(Long::longValue).max()
                        .orElse(-1));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run ./omni", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
