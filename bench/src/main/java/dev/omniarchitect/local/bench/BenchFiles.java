package dev.omniarchitect.local.bench;

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

    /** That file's path as a link from the report: relative to the report's folder, with forward slashes. */
    String fromReport(Path file) {
        Path folder = report.toAbsolutePath().getParent();
        return folder.relativize(file.toAbsolutePath()).toString().replace('\\', '/');
    }
}
