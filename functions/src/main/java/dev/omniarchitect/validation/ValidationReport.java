package dev.omniarchitect.validation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Comparator;
import java.util.List;

/**
 * What validating one item's files found: {@code ok} when no finding is an error.
 * Findings are ordered by file, then line, so a report reads top to bottom and compares equal when
 * the same files are validated again. {@code tools} names the real checkers that ran besides our own
 * validators, with their versions ({@code shellcheck 0.9.0}); empty, and left out of JSON, when none did.
 */
public record ValidationReport(boolean ok, List<Finding> findings,
                               @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> tools) {

    private static final Comparator<Finding> READING_ORDER = Comparator
            .comparing(Finding::path, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Finding::line, Comparator.nullsFirst(Comparator.naturalOrder()));

    public ValidationReport {
        findings = List.copyOf(findings);
        tools = tools == null ? List.of() : List.copyOf(tools);
    }

    /** The report of our own validators' findings. */
    public static ValidationReport of(List<Finding> findings) {
        return of(findings, List.of());
    }

    /** The report of findings, some from the named tools. */
    public static ValidationReport of(List<Finding> findings, List<String> tools) {
        List<Finding> ordered = findings.stream().sorted(READING_ORDER).toList();
        return new ValidationReport(ordered.stream().noneMatch(ValidationReport::isError), ordered, tools);
    }

    /** How many findings are errors; of two answers, the one with fewer is the better. */
    public long errorCount() {
        return findings.stream().filter(ValidationReport::isError).count();
    }

    private static boolean isError(Finding finding) {
        return finding.severity() == Severity.ERROR;
    }
}
