package dev.omniarchitect.http;

import java.net.URI;
import java.util.Map;

/** A request to send: method, absolute URI, headers and body (empty for none). */
public record HttpRequest(String method, URI uri, Map<String, String> headers, byte[] body) {

    public HttpRequest {
        headers = Map.copyOf(headers);
    }

    /** A POST of a JSON body. */
    public static HttpRequest postJson(URI uri, Map<String, String> headers, byte[] json) {
        java.util.Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("Content-Type", "application/json");
        all.put("Accept", "application/json");
        return new HttpRequest("POST", uri, all, json);
    }
}
