package dev.omniarchitect.local.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A fresh JVM the bench launches with this JVM's {@code java}: exactly the options, class path and
 * environment given (nothing inherited, so no JAVA_TOOL_OPTIONS or AWS profile of the user's slips in),
 * a probe main that writes its measurements to a properties file, and the process's own lifetime.
 */
final class ChildJvm {

    private static final long TIMEOUT_SECONDS = 180;

    private final List<String> options;
    private final String classpath;
    private final Map<String, String> environment;
    private final Path workDirectory;

    ChildJvm(List<String> options, String classpath, Map<String, String> environment, Path workDirectory) {
        this.options = List.copyOf(options);
        this.classpath = classpath;
        this.environment = Map.copyOf(environment);
        this.workDirectory = workDirectory;
    }

    /** The same JVM with more options. */
    ChildJvm withOptions(List<String> more) {
        List<String> all = new ArrayList<>(options);
        all.addAll(more);
        return new ChildJvm(all, classpath, environment, workDirectory);
    }

    /**
     * Runs the probe to its end; it gets the launch time (epoch microseconds) and its result file as its
     * first two arguments, then {@code args}.
     */
    Result run(Class<?> probe, List<String> args) {
        try {
            Path resultFile = Files.createTempFile(workDirectory, "probe-", ".properties");
            Path errors = Files.createTempFile(workDirectory, "probe-", ".stderr");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(options);
            command.add("-cp");
            command.add(classpath);
            command.add(probe.getName());
            int launchIndex = command.size();
            command.add("");
            command.add(resultFile.toString());
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDirectory.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(errors.toFile());
            builder.environment().clear();
            builder.environment().putAll(environment);
            Instant launched = Instant.now();
            command.set(launchIndex, Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, launched)));
            builder.command(command);
            long start = System.nanoTime();
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(probe.getSimpleName() + " did not end within " + TIMEOUT_SECONDS + " s");
            }
            double lifetimeMs = (System.nanoTime() - start) / 1e6;
            if (process.exitValue() != 0) {
                throw new IllegalStateException(probe.getSimpleName() + " " + args + " exited " + process.exitValue()
                        + ": " + tail(errors));
            }
            Properties values = new Properties();
            try (InputStream in = Files.newInputStream(resultFile)) {
                values.load(in);
            }
            return new Result(values, lifetimeMs);
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + probe.getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + probe.getSimpleName() + " ran", e);
        }
    }

    private static String tail(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        return text.length() <= 2000 ? text : "..." + text.substring(text.length() - 2000);
    }

    /**
     * What a probe reported.
     *
     * @param values      its properties
     * @param lifetimeMs  from the launch to the end of the process
     */
    record Result(Properties values, double lifetimeMs) {

        double number(String name) {
            String value = values.getProperty(name);
            return value == null ? Double.NaN : Double.parseDouble(value);
        }
    }
}
