package dev.omniarchitect.api;

import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * An API response, whatever carries it back (API Gateway payload format 2.0 or 1.0, the local server).
 *
 * @param statusCode     the HTTP status
 * @param headers        response headers
 * @param body           the body: text, or base64 when {@code base64Encoded}
 * @param base64Encoded  whether the body is binary, base64-encoded (API Gateway decodes it)
 */
public record ApiResponse(int statusCode, Map<String, String> headers, String body, boolean base64Encoded) {

    public ApiResponse {
        headers = Map.copyOf(headers);
    }

    /** A JSON response. */
    public static ApiResponse json(int status, String body) {
        return new ApiResponse(status, Map.of("Content-Type", "application/json"), body, false);
    }

    /** A problem response. */
    public static ApiResponse problem(int status, String body) {
        return new ApiResponse(status, Map.of("Content-Type", "application/problem+json"), body, false);
    }

    /** A binary response of that media type. */
    public static ApiResponse binary(int status, String contentType, byte[] body) {
        return new ApiResponse(status, Map.of("Content-Type", contentType), Base64.getEncoder().encodeToString(body),
                true);
    }

    /** A text response of that media type. */
    public static ApiResponse text(int status, String contentType, String body) {
        return new ApiResponse(status, Map.of("Content-Type", contentType), body, false);
    }

    /** A response without a body. */
    public static ApiResponse empty(int status) {
        return new ApiResponse(status, Map.of(), "", false);
    }

    /** This response with one more header. */
    public ApiResponse withHeader(String name, String value) {
        Map<String, String> more = new HashMap<>(headers);
        more.put(name, value);
        return new ApiResponse(statusCode, more, body, base64Encoded);
    }
}
