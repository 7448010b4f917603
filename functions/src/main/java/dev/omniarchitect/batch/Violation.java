package dev.omniarchitect.batch;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * One thing wrong with a batch document.
 *
 * @param field    where, as a path such as {@code items[2].prompt}; {@code $} for the document itself
 * @param message  what is wrong and what is allowed
 */
public record Violation(String field, String message) {

    /** A document that is not JSON at all: where the parser stopped, and why. */
    public static Violation malformedJson(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        String where = location == null || location.getLineNr() < 1
                ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return new Violation("$", "malformed JSON" + where + ": " + JsonSyntax.describe(e));
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
