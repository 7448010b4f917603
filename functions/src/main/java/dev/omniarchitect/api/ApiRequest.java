package dev.omniarchitect.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP request as the API sees it, whatever carried it (API Gateway's event, the local server).
 *
 * @param method   the method, upper case
 * @param path     the path as sent, percent-encoded
 * @param headers  headers by lower-case name
 * @param query    query parameters, decoded
 * @param body     the body as text (decoded from base64 if it came so); null when there is none
 * @param caller   who sent it, as the authorizer vouches
 */
public record ApiRequest(String method, String path, Map<String, String> headers, Map<String, String> query,
                         String body, Caller caller) {

    /** A request that carries no identity: the local user's. */
    public ApiRequest(String method, String path, Map<String, String> headers, Map<String, String> query,
                      String body) {
        this(method, path, headers, query, body, Caller.LOCAL);
    }

    public ApiRequest {
        method = method == null ? "" : method.toUpperCase(Locale.ROOT);
        path = path == null || path.isEmpty() ? "/" : path;
        Map<String, String> lowerCased = new HashMap<>();
        headers.forEach((name, value) -> lowerCased.put(name.toLowerCase(Locale.ROOT), value));
        headers = Map.copyOf(lowerCased);
        query = Map.copyOf(query);
        java.util.Objects.requireNonNull(caller, "caller");
    }

    /** The header of that name, any case. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The path's segments, each percent-decoded ({@code +} stays a plus, as in paths it is not a space). */
    public List<String> segments() {
        String trimmed = path.replaceAll("^/+|/+$", "");
        if (trimmed.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(trimmed.split("/+"))
                .map(segment -> URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8))
                .toList();
    }
}
