package dev.omniarchitect.validation;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real checker on the PATH (shellcheck, promtool, yamllint), for the tests that assert our validators
 * agree with it; {@code .ci/run} installs them from Debian where it can, and the tests skip without them.
 */
public record InstalledTool(Path executable) {

    /** What one run printed and how it ended. */
    public record Run(int exitCode, String output) {
    }

    /** The tool of that name on the PATH, if any. */
    public static Optional<InstalledTool> find(String name) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(new InstalledTool(candidate));
            }
        }
        return Optional.empty();
    }

    /** Runs the tool with the arguments, output and errors together; at most a minute. */
    public Run run(Path directory, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(executable + " did not finish within a minute");
            }
            return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + executable, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
