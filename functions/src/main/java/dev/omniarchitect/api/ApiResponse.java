package dev.omniarchitect.api;

import java.util.Map;

/**
 * An HTTP API (payload format 2.0) response.
 *
 * @param statusCode  the HTTP status
 * @param headers     response headers
 * @param body        the JSON body
 */
public record ApiResponse(int statusCode, Map<String, String> headers, String body) {

    /** A JSON response. */
    public static ApiResponse json(int status, String body) {
        return new ApiResponse(status, Map.of("Content-Type", "application/json"), body);
    }

    /** A problem response. */
    public static ApiResponse problem(int status, String body) {
        return new ApiResponse(status, Map.of("Content-Type", "application/problem+json"), body);
    }
}
