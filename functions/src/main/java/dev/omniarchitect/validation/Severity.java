package dev.omniarchitect.validation;

import com.fasterxml.jackson.annotation.JsonValue;

/** How much a finding matters: an error makes a file invalid, a warning only advises. */
public enum Severity {
    ERROR("error"),
    WARNING("warning");

    private final String wireName;

    Severity(String wireName) {
        this.wireName = wireName;
    }

    /** The name in JSON and on the command line. */
    @JsonValue
    public String wireName() {
        return wireName;
    }
}
