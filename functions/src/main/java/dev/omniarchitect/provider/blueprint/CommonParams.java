package dev.omniarchitect.provider.blueprint;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The params several blueprints share, each with one name, pattern and meaning everywhere, so
 * {@code name} or {@code image} is checked the same way whichever kind reads it.
 */
public final class CommonParams {

    /** A DNS-1123 label: what Kubernetes, Compose and most registries accept as a name. */
    public static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    public static final String DNS_LABEL_RULE =
            "a DNS-1123 label (a-z, 0-9 and '-', at most 63 characters, starting and ending with a letter or digit)";

    /** An HTTP path without query, spaces or quotes, so it is safe in YAML, shell and Dockerfile text. */
    private static final Pattern HTTP_PATH = Pattern.compile("/[A-Za-z0-9._~/-]{0,200}");
    private static final String HTTP_PATH_RULE = "an absolute HTTP path such as /health (A-Z, a-z, 0-9 and ._~/-)";

    /**
     * An image reference with a tag and/or a digest; never {@code latest} and never untagged,
     * because both make a deployment change without anyone changing a file.
     */
    private static final Pattern IMAGE = Pattern.compile(
            "(?!.*:(?i:latest)(?:@|$))"
                    + "(?:[a-z0-9]+(?:[.-][a-z0-9]+)*(?::[0-9]{1,5})?/)?"
                    + "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*"
                    + "(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}(?:@sha256:[a-f0-9]{64})?|@sha256:[a-f0-9]{64})");
    private static final String IMAGE_RULE =
            "an image reference with a version tag or digest, not latest (e.g. ghcr.io/example/app:1.0.0)";

    private CommonParams() {
    }

    /** {@code name}: the app or service name, a DNS-1123 label. */
    public static String name(BlueprintParams params) {
        return params.text("name", "app", DNS_LABEL, DNS_LABEL_RULE);
    }

    /** {@code port}: the port the app listens on. */
    public static int port(BlueprintParams params) {
        return params.integer("port", 8080, 1, 65535);
    }

    /** {@code healthPath}: the HTTP path that answers 2xx while the app is healthy. */
    public static String healthPath(BlueprintParams params, String fallback) {
        return params.text("healthPath", fallback, HTTP_PATH, HTTP_PATH_RULE);
    }

    /** {@code image}: a pinned image reference. */
    public static String image(BlueprintParams params, String fallback) {
        return params.text("image", fallback, IMAGE, IMAGE_RULE);
    }

    /** A string param that must be one of a fixed set of values. */
    public static String choice(BlueprintParams params, String name, String fallback, List<String> choices) {
        Pattern allowed = Pattern.compile(choices.stream().map(Pattern::quote).collect(Collectors.joining("|")));
        return params.text(name, fallback, allowed, "one of " + String.join(", ", choices));
    }

    /** An integer param that must be one of a fixed set of values, such as a supported runtime version. */
    public static int integerChoice(BlueprintParams params, String name, int fallback, List<Integer> choices) {
        int min = choices.stream().mapToInt(Integer::intValue).min().orElseThrow();
        int max = choices.stream().mapToInt(Integer::intValue).max().orElseThrow();
        int value = params.integer(name, fallback, min, max);
        if (!choices.contains(value)) {
            throw invalid(name, "must be one of " + choices.stream().map(String::valueOf)
                    .collect(Collectors.joining(", ")) + ", got " + value);
        }
        return value;
    }

    /** The error for a param that passed its own check but not a rule that spans params. */
    public static InvalidParamsException invalid(String name, String problem) {
        return new InvalidParamsException("params." + name + " " + problem);
    }
}
