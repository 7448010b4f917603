package dev.omniarchitect.local.api;

import com.sun.net.httpserver.Headers;
import dev.omniarchitect.api.Problem;
import dev.omniarchitect.json.ContentHash;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
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
 * carry {@code Authorization: Bearer <token>} (except the web console's own page and files); a bind to
 * another address requires one, and then any Host is served, the token being the proof.
 *
 * <p>Each token is an owner: its holder sees only the jobs it submitted. {@value #TOKEN_VARIABLE}'s holder
 * also has the admin scope (delete and purge cache entries); {@value #USER_TOKENS_VARIABLE} adds the
 * tokens of other callers, comma-separated, without it. With no token, everything is the local user's.
 */
public final class RequestGuard {

    /** The environment variable holding the optional bearer token. */
    public static final String TOKEN_VARIABLE = "OMNI_API_TOKEN";
    /** The environment variable holding more callers' tokens, comma-separated: owners without the admin scope. */
    public static final String USER_TOKENS_VARIABLE = "OMNI_API_USER_TOKENS";

    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");
    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final boolean loopbackOnly;
    private final byte[] token;
    private final List<byte[]> userTokens;

    private RequestGuard(boolean loopbackOnly, byte[] token, List<byte[]> userTokens) {
        this.loopbackOnly = loopbackOnly;
        this.token = token;
        this.userTokens = userTokens;
    }

    /** The guard of a server bound to that address, with the tokens of that environment. */
    public static RequestGuard fromEnvironment(InetAddress bind, Map<String, String> environment) {
        List<String> users = Arrays.stream(environment.getOrDefault(USER_TOKENS_VARIABLE, "").split(","))
                .map(String::trim).filter(value -> !value.isEmpty()).toList();
        Optional<String> token = Optional.ofNullable(environment.get(TOKEN_VARIABLE)).filter(value -> !value.isBlank());
        if (token.isEmpty() && !users.isEmpty()) {
            throw new IllegalArgumentException(USER_TOKENS_VARIABLE + " names callers, but " + TOKEN_VARIABLE
                    + " is not set: set it to the token of the engine's own user (who may also purge the cache)");
        }
        RequestGuard guard = forBind(bind, token);
        return new RequestGuard(guard.loopbackOnly, guard.token,
                users.stream().map(value -> value.getBytes(StandardCharsets.UTF_8)).toList());
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
        return new RequestGuard(loopback, set.map(value -> value.getBytes(StandardCharsets.UTF_8)).orElse(null),
                List.of());
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
        if (token != null && !isConsoleFile(method, path) && identify(headers).isEmpty()) {
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

    /**
     * Who sent the request: the holder of the token it carries (its owner id a digest of the token, never
     * the token), or empty without tokens or without a valid one.
     */
    Optional<TokenHolder> identify(Headers headers) {
        String authorization = headers.getFirst("Authorization");
        if (token == null || authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        byte[] sent = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        if (MessageDigest.isEqual(sent, token)) {
            return Optional.of(TokenHolder.of(sent, true));
        }
        // Every token is compared, so the time taken tells nothing of which one came close.
        Optional<TokenHolder> holder = Optional.empty();
        for (byte[] user : userTokens) {
            if (MessageDigest.isEqual(sent, user)) {
                holder = Optional.of(TokenHolder.of(sent, false));
            }
        }
        return holder;
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

    /**
     * The holder of a valid token, as an authorizer would describe it.
     *
     * @param subject  {@code local-} and the first 16 hex digits of the token's SHA-256
     * @param admin    whether it holds the admin scope
     */
    record TokenHolder(String subject, boolean admin) {

        static TokenHolder of(byte[] token, boolean admin) {
            return new TokenHolder("local-" + ContentHash.ofText(new String(token, StandardCharsets.UTF_8))
                    .substring(0, 16), admin);
        }
    }

    /** A refusal: its problem document and the headers that go with it. */
    record Refusal(Problem problem, Map<String, String> headers) {
    }
}
