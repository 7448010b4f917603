package dev.omniarchitect.validation;

import java.util.Objects;

/**
 * A check a validator makes: its stable id, how much it matters and how to fix what it finds.
 * Validators declare their rules as constants and build every finding from one.
 */
public record Rule(String id, Severity severity, String fix) {

    public Rule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
    }

    /** An error rule. */
    public static Rule error(String id, String fix) {
        return new Rule(id, Severity.ERROR, fix);
    }

    /** A warning rule. */
    public static Rule warning(String id, String fix) {
        return new Rule(id, Severity.WARNING, fix);
    }

    /** A finding of this rule in a file, at a line (null when unknown). */
    public Finding at(String path, Integer line, String message) {
        return new Finding(severity, id, message, path, line, fix);
    }
}
