package dev.omniarchitect.local.cli;

import dev.omniarchitect.job.ItemResult;
import dev.omniarchitect.job.JobRecord;
import dev.omniarchitect.job.JobSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The end-of-run table: one row per item, then the job's wall time and speedup. */
final class SummaryTable {

    private static final List<String> HEADINGS = List.of("ITEM", "KIND", "STATUS", "CACHED", "PROVIDER", "MODEL", "MS");

    private final PrintWriter out;

    SummaryTable(PrintWriter out) {
        this.out = out;
    }

    void print(JobRecord record, List<Path> files) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADINGS);
        for (ItemResult item : record.items()) {
            rows.add(List.of(item.id(), Objects.toString(item.kind(), "-"), item.status().name(),
                    item.cached() ? "yes" : "no", Objects.toString(item.provider(), "-"),
                    Objects.toString(item.model(), "-"), Long.toString(item.durationMs())));
        }
        int[] widths = new int[HEADINGS.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        out.println();
        out.println("Job " + record.jobId() + ": " + record.status());
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                line.append(i == row.size() - 1 ? " ".repeat(widths[i] - cell.length()) + cell
                        : cell + " ".repeat(widths[i] - cell.length() + 2));
            }
            out.println(line.toString().stripTrailing());
        }
        for (ItemResult item : record.items()) {
            if (item.error() != null) {
                out.println("  " + item.id() + ": " + item.error().code() + ": " + item.error().message());
            }
        }
        JobSummary summary = record.summary();
        if (summary != null) {
            out.println();
            out.printf("%d items: %d succeeded, %d failed, %d from cache%n", summary.total(), summary.succeeded(),
                    summary.failed(), summary.cacheHits());
            out.printf("wall %d ms, items added up %d ms, speedup %.2fx%n", summary.wallMs(), summary.sumItemMs(),
                    summary.speedup());
        }
        if (record.items().stream().anyMatch(item -> item.provider() != null && item.provider().equals("blueprint"))) {
            out.println("Items from provider \"blueprint\" are offline starting files rendered from params, not AI output.");
        }
        out.println();
        out.println(files.size() + " files written:");
        files.forEach(file -> out.println("  " + file));
    }
}
