package dev.omniarchitect.local.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One check by an installed tool: its executable and version, the directory holding the files it checks,
 * and a way to run it there, bounded in time and in what it may print.
 *
 * @param executable the tool's executable on the PATH
 * @param label      the tool and its version, named in every finding ({@code shellcheck 0.9.0})
 * @param directory  a fresh directory with the kind's files under their relative paths
 * @param timeout    how long one invocation may take before it is killed
 */
record ToolRun(Path executable, String label, Path directory, Duration timeout) {

    /** What one invocation printed and how it ended. */
    record Output(int exitCode, String stdout, String stderr) {
        /** The first non-blank line of stderr, else of stdout, for a message. */
        String firstLine() {
            return (stderr + "\n" + stdout).lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst()
                    .orElse("exit status " + exitCode);
        }
    }

    /** The tool could not give its verdict: it timed out, or could not start. */
    static final class Failure extends Exception {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_OUTPUT_BYTES = 4L * 1024 * 1024;

    /** Runs the tool with these arguments in the directory, no standard input. */
    Output exec(String... arguments) throws Failure {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(arguments));
        Path stdout = directory.resolveSibling(directory.getFileName() + ".out");
        Path stderr = directory.resolveSibling(directory.getFileName() + ".err");
        Process process = null;
        try {
            process = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new Failure(label + " did not finish within " + timeout.toSeconds() + " s");
            }
            return new Output(process.exitValue(), read(stdout), read(stderr));
        } catch (IOException e) {
            throw new Failure(label + " could not be run");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(label + " was interrupted");
        } finally {
            if (process != null && process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            deleteQuietly(stdout);
            deleteQuietly(stderr);
        }
    }

    /** The JSON a tool printed on stdout; a failure when it printed none. */
    JsonNode json(Output output) throws Failure {
        try {
            JsonNode node = JSON.readTree(output.stdout().isBlank() ? "null" : output.stdout());
            if (node == null || node.isNull()) {
                throw new Failure(label + " printed no findings: " + output.firstLine());
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new Failure(label + " printed something other than JSON: " + output.firstLine());
        }
    }

    /** A finding of the tool: its rule id is the tool's own code, its message names the tool and version. */
    Finding finding(Severity severity, String code, String message, String path, Integer line) {
        String tool = executable.getFileName().toString();
        return new Finding(severity, tool + "/" + code, label + ": " + message, path, line,
                "See " + tool + "'s documentation of " + code + ".");
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static String read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        long size = Files.size(file);
        byte[] bytes;
        try (var in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) Math.min(size, MAX_OUTPUT_BYTES));
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover output file in the temporary directory is harmless.
        }
    }
}
