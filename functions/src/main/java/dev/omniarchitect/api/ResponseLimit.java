package dev.omniarchitect.api;

/**
 * Lambda's cap on a function's response, as it bears on the API: the response is a JSON envelope in
 * which a text body is escaped (every quote and newline takes two bytes) and a binary body is base64.
 */
public final class ResponseLimit {

    /** What Lambda returns at most from a synchronous invocation (6 MB). */
    public static final int LAMBDA_RESPONSE_BYTES = 6_291_556;

    /** What a body may take inside the envelope, leaving room for the status and headers. */
    static final int MAX_BODY_BYTES = 6_000_000;

    /** The most a binary body may hold before base64 (4 bytes for every 3) makes it pass {@link #MAX_BODY_BYTES}. */
    static final int MAX_BINARY_BYTES = MAX_BODY_BYTES / 4 * 3;

    private ResponseLimit() {
    }

    /** Whether the response fits in Lambda's response. */
    static boolean fits(ApiResponse response) {
        return response.base64Encoded()
                ? response.body().length() <= MAX_BODY_BYTES
                : fitsAsText(response.body());
    }

    /** Whether the text, escaped as a JSON string, fits in Lambda's response. */
    static boolean fitsAsText(String body) {
        return escapedBytes(body) <= MAX_BODY_BYTES;
    }

    /** The bytes the text takes as a JSON string value in UTF-8, quotes excluded. */
    static long escapedBytes(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f') {
                bytes += 2;
            } else if (c < 0x20) {
                bytes += 6;
            } else if (c < 0x80) {
                bytes += 1;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
                bytes += 4;
                i++;
            } else {
                bytes += c < 0x800 ? 2 : 3;
            }
        }
        return bytes;
    }
}
