package dev.omniarchitect.batch;

/**
 * One thing wrong with a batch document.
 *
 * @param field    where, as a path such as {@code items[2].prompt}; {@code $} for the document itself
 * @param message  what is wrong and what is allowed
 */
public record Violation(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
