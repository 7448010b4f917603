package dev.omniarchitect.local.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where one bench run writes and reads.
 *
 * @param report    the Markdown report (BENCHMARKS.md)
 * @param chart     the chart, PNG
 * @param results   the figures as JSON
 * @param baseline  an earlier run's figures, shown as "before" when the file exists
 */
record BenchFiles(Path report, Path chart, Path results, Path baseline) {

    /** Writes a file of the bench's output (report, results), creating its folder. */
    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** That file's path as a link from the report: relative to the report's folder, with forward slashes. */
    String fromReport(Path file) {
        Path folder = report.toAbsolutePath().getParent();
        return folder.relativize(file.toAbsolutePath()).toString().replace('\\', '/');
    }
}
