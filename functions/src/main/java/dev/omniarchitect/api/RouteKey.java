package dev.omniarchitect.api;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A route as API Gateway names it, e.g. {@code GET /v1/generations/{jobId}}: a method and a path
 * template whose {@code {name}} segments match one segment and whose last {@code {name+}} matches the rest.
 *
 * @param method  the method
 * @param path    the path template
 */
public record RouteKey(String method, String path) {

    /** The route key of that text, {@code "METHOD /path"}. */
    public static RouteKey parse(String key) {
        String[] parts = key.split(" ", 2);
        return new RouteKey(parts[0], parts[1]);
    }

    /** The path parameters, when the segments match this route's template. */
    public Optional<Map<String, String>> match(List<String> segments) {
        if (path.equals("/")) {
            return segments.isEmpty() ? Optional.of(Map.of()) : Optional.empty();
        }
        List<String> template = Arrays.stream(path.substring(1).split("/")).toList();
        Map<String, String> parameters = new HashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String part = template.get(i);
            boolean greedy = part.endsWith("+}");
            if (i >= segments.size()) {
                return Optional.empty();
            }
            if (greedy && i == template.size() - 1) {
                parameters.put(part.substring(1, part.length() - 2), String.join("/", segments.subList(i, segments.size())));
                return Optional.of(parameters);
            }
            if (part.startsWith("{")) {
                parameters.put(part.substring(1, part.length() - 1), segments.get(i));
            } else if (!part.equals(segments.get(i))) {
                return Optional.empty();
            }
        }
        return segments.size() == template.size() ? Optional.of(parameters) : Optional.empty();
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
