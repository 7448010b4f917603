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
 * @param errors  what is at fault, each named by its field (a document path, {@code path}, {@code method},
 *                a header name, a path or query parameter); empty when nothing the caller sent is
 */
public record Problem(String type, String title, int status, String detail, List<Violation> errors) {

    private static final String TYPES = "https://omniarchitect.dev/problems/";

    public Problem {
        errors = List.copyOf(errors);
    }

    /** A problem of that type slug and status, naming what is at fault. */
    public static Problem of(String slug, String title, int status, String detail, List<Violation> errors) {
        return new Problem(TYPES + slug, title, status, detail, errors);
    }

    /** A problem of that type slug and status, naming the one field at fault. */
    public static Problem of(String slug, String title, int status, String detail, String field, String message) {
        return of(slug, title, status, detail, List.of(new Violation(field, message)));
    }

    /** 403: the caller may not do that; cache entries are shared, so only administrators remove them. */
    public static Problem adminOnly(String action) {
        return of("forbidden", "Forbidden", 403, "only an administrator may " + action + ": cache entries are shared "
                + "by every caller", List.of(new Violation("scope", "needs the " + Caller.ADMIN_SCOPE + " scope (JWT),"
                + " the stack's OmniAdminPolicy (IAM), or the local engine's admin token")));
    }

    /** A 400 naming every invalid field. */
    public static Problem invalidDocument(List<Violation> violations) {
        return of("invalid-batch-document", "Invalid batch document", 400,
                violations.size() + " problem(s) in the batch document; nothing was generated", violations);
    }
}
