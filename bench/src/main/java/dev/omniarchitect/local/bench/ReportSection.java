package dev.omniarchitect.local.bench;

import java.util.Optional;

/**
 * A section of BENCHMARKS.md between two markers, which the command that writes it replaces alone and a full
 * {@code ./omni bench} keeps as it was.
 *
 * @param start   the opening marker
 * @param end     the closing marker
 * @param before  the heading a new section goes before, when the report has none yet
 */
record ReportSection(String start, String end, String before) {

    /** The report with that section's text in place of its own (or before {@code before} when it has none). */
    String replace(String report, String section) {
        int from = report.indexOf(start);
        int to = report.indexOf(end);
        if (from >= 0 && to > from) {
            return report.substring(0, from) + section.strip() + report.substring(to + end.length());
        }
        int at = report.indexOf(before);
        return at < 0 ? report + "\n" + section : report.substring(0, at) + section + "\n" + report.substring(at);
    }

    /** The section's text as the report has it, if it has it. */
    Optional<String> find(String report) {
        int from = report.indexOf(start);
        int to = report.indexOf(end);
        return from >= 0 && to > from ? Optional.of(report.substring(from, to + end.length()) + "\n")
                : Optional.empty();
    }

    /** The report as a full run wrote it ({@code markdown}), with this section as the earlier report had it. */
    String keep(String earlier, String markdown) {
        return find(earlier).map(section -> replace(markdown, section)).orElse(markdown);
    }
}
