package dev.omniarchitect.api;

/** A query parameter a route cannot take: the field, and the problem that names it and says what is allowed. */
final class InvalidQuery extends Exception {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String detail;

    /**
     * @param field    the query parameter
     * @param detail   the problem's detail: what the parameter must be
     * @param message  what is wrong with this one
     */
    InvalidQuery(String field, String detail, String message) {
        super(message, null, false, false);
        this.field = field;
        this.detail = detail;
    }

    /** The 400 problem+json the route answers with. */
    Problem problem() {
        return Problem.of("invalid-query", "Invalid query", 400, detail, field, getMessage());
    }

    /** The {@code limit} a paged route is asked for: a whole number from 1 to {@code max}, else the default. */
    static int limit(java.util.Map<String, String> query, int defaultLimit, int max) throws InvalidQuery {
        String text = query.get("limit");
        if (text == null) {
            return defaultLimit;
        }
        int limit;
        try {
            limit = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > max) {
            throw new InvalidQuery("limit", "limit must be a whole number from 1 to " + max,
                    "is " + text + "; allowed: 1 to " + max + " (default " + defaultLimit + ")");
        }
        return limit;
    }
}
