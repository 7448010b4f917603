package dev.omniarchitect.validation;

import java.util.Comparator;
import java.util.List;

/**
 * What validating one item's files found: {@code ok} when no finding is an error.
 * Findings are ordered by file, then line, so a report reads top to bottom and compares equal when
 * the same files are validated again.
 */
public record ValidationReport(boolean ok, List<Finding> findings) {

    private static final Comparator<Finding> READING_ORDER = Comparator
            .comparing(Finding::path, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Finding::line, Comparator.nullsFirst(Comparator.naturalOrder()));

    public ValidationReport {
        findings = List.copyOf(findings);
    }

    /** The report of these findings. */
    public static ValidationReport of(List<Finding> findings) {
        List<Finding> ordered = findings.stream().sorted(READING_ORDER).toList();
        return new ValidationReport(ordered.stream().noneMatch(ValidationReport::isError), ordered);
    }

    /** How many findings are errors; of two answers, the one with fewer is the better. */
    public long errorCount() {
        return findings.stream().filter(ValidationReport::isError).count();
    }

    private static boolean isError(Finding finding) {
        return finding.severity() == Severity.ERROR;
    }
}
