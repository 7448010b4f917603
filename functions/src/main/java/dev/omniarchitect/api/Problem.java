package dev.omniarchitect.api;

import dev.omniarchitect.batch.Violation;
import java.util.List;

/**
 * An RFC 9457 problem document: what every API error returns, never a stack trace or a class name.
 *
 * @param type    a URI naming the problem type
 * @param title   a short, stable summary of the type
 * @param status  the HTTP status
 * @param detail  this occurrence, in words
 * @param errors  the fields at fault, when there are any
 */
public record Problem(String type, String title, int status, String detail, List<Violation> errors) {

    private static final String TYPES = "https://omniarchitect.dev/problems/";

    /** A problem of that type slug and status. */
    public static Problem of(String slug, String title, int status, String detail) {
        return new Problem(TYPES + slug, title, status, detail, null);
    }

    /** A 400 naming every invalid field. */
    public static Problem invalidDocument(List<Violation> violations) {
        return new Problem(TYPES + "invalid-batch-document", "Invalid batch document", 400,
                violations.size() + " problem(s) in the batch document; nothing was generated", List.copyOf(violations));
    }
}
