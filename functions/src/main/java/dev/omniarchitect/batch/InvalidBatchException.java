package dev.omniarchitect.batch;

import java.util.List;
import java.util.stream.Collectors;

/** A batch document refused before any provider call, with every reason. */
public final class InvalidBatchException extends RuntimeException {

    private final List<Violation> violations;

    public InvalidBatchException(List<Violation> violations) {
        super(violations.stream().map(Violation::toString).collect(Collectors.joining("; ")), null, false, false);
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
