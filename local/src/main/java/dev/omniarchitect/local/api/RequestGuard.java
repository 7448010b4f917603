package dev.omniarchitect.local.api;

import com.sun.net.httpserver.Headers;
import dev.omniarchitect.api.Problem;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may use the local API, checked before any function runs, so a web page the user visits cannot
 * use it (DNS rebinding, cross-site requests). Bound to loopback, only a loopback {@code Host}
 * ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}, with the server's port or none) is served. A
 * state-changing request (POST, PUT, PATCH, DELETE) with an {@code Origin} is refused unless that origin
 * is the server itself on a loopback name. With a token ({@value #TOKEN_VARIABLE}), every request must
 * carry {@code Authorization: Bearer <token>}, except the web console's own page and files; a bind to another address requires one, and then any Host
 * is served, the token being the proof.
 */
public final class RequestGuard {

    /** The environment variable holding the optional bearer token. */
    public static final String TOKEN_VARIABLE = "OMNI_API_TOKEN";

    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");
    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final boolean loopbackOnly;
    private final byte[] token;

    private RequestGuard(boolean loopbackOnly, byte[] token) {
        this.loopbackOnly = loopbackOnly;
        this.token = token;
    }

    /**
     * The guard of a server bound to that address; refuses a non-loopback address without a token.
     *
     * @param token  the bearer token, or empty for none (a blank token counts as none)
     */
    public static RequestGuard forBind(InetAddress bind, Optional<String> token) {
        Optional<String> set = token.filter(value -> !value.isBlank());
        boolean loopback = bind.isLoopbackAddress();
        if (!loopback && set.isEmpty()) {
            throw new IllegalArgumentException("binding the API to " + bind.getHostAddress() + " makes it reachable "
                    + "from other machines: set " + TOKEN_VARIABLE + " to a secret token that every request must "
                    + "send as 'Authorization: Bearer <token>', or bind to 127.0.0.1");
        }
        return new RequestGuard(loopback, set.map(value -> value.getBytes(StandardCharsets.UTF_8)).orElse(null));
    }

    /** Whether requests must carry the bearer token. */
    public boolean requiresToken() {
        return token != null;
    }

    /** Why that request is refused, or empty when it may go on. */
    Optional<Refusal> check(String method, String path, Headers headers, int port) {
        String host = headers.getFirst("Host");
        if (loopbackOnly && !isLoopbackHost(host, port)) {
            return Optional.of(new Refusal(Problem.of("forbidden-host", "Host not allowed", 403,
                    "this API answers only requests addressed to this machine's loopback names", "Host",
                    (host == null ? "missing" : "\"" + host + "\" is not allowed") + "; allowed: localhost:" + port
                            + ", 127.0.0.1:" + port + ", [::1]:" + port), Map.of()));
        }
        if (token != null && !isConsoleFile(method, path) && !hasToken(headers.getFirst("Authorization"))) {
            return Optional.of(new Refusal(Problem.of("unauthorized", "Token required", 401,
                    "this API requires the bearer token set in " + TOKEN_VARIABLE + " where it runs",
                    "Authorization", "send 'Authorization: Bearer <the token>'"),
                    Map.of("WWW-Authenticate", "Bearer realm=\"omni\"")));
        }
        String origin = headers.getFirst("Origin");
        if (origin != null && STATE_CHANGING.contains(method.toUpperCase(Locale.ROOT))
                && !isOwnOrigin(origin, port)) {
            return Optional.of(new Refusal(Problem.of("forbidden-origin", "Origin not allowed", 403,
                    "a " + method + " from a web page of another origin is refused", "Origin",
                    "\"" + origin + "\" is not allowed; allowed: http://localhost:" + port + ", http://127.0.0.1:"
                            + port + ", http://[::1]:" + port + ", or no Origin header"), Map.of()));
        }
        return Optional.empty();
    }

    /**
     * The web console's page and files are the same for everyone and hold no data: a browser cannot send a
     * token with the page it navigates to, so they load without it, and the page then asks for the token.
     */
    private static boolean isConsoleFile(String method, String path) {
        return "GET".equalsIgnoreCase(method) && path != null && (path.equals("/") || path.startsWith("/console/"));
    }

    private boolean hasToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] sent = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(sent, token);
    }

    static boolean isLoopbackHost(String host, int port) {
        if (host == null) {
            return false;
        }
        String value = host.trim().toLowerCase(Locale.ROOT);
        int portStart = value.startsWith("[") ? value.indexOf("]:") + 1 : value.indexOf(':');
        String name = portStart > 0 ? value.substring(0, portStart) : value;
        String portText = portStart > 0 ? value.substring(portStart + 1) : null;
        return LOOPBACK_NAMES.contains(name) && (portText == null || portText.equals(Integer.toString(port)));
    }

    private static boolean isOwnOrigin(String origin, int port) {
        String value = origin.trim().toLowerCase(Locale.ROOT);
        // Browsers leave the port out of an origin only when it is the scheme's default.
        String suffix = port == 80 ? "" : ":" + port;
        return LOOPBACK_NAMES.stream().anyMatch(name -> value.equals("http://" + name + suffix));
    }

    /** A refusal: its problem document and the headers that go with it. */
    record Refusal(Problem problem, Map<String, String> headers) {
    }
}
