package dev.omniarchitect.validation;

import java.util.Objects;

/**
 * One problem a validator found in a generated file.
 *
 * @param severity whether the file is invalid because of it
 * @param rule     the stable rule id, {@code <kind>/<name>}, e.g. {@code dockerfile/user-not-root}
 * @param message  what is wrong, naming the field, instruction or value
 * @param path     the file's path as generated, or null when the finding is about the answer as a whole
 * @param line     the 1-based line, or null when unknown
 * @param fix      a short how-to-fix, or null
 */
public record Finding(Severity severity, String rule, String message, String path, Integer line, String fix) {

    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }
}
