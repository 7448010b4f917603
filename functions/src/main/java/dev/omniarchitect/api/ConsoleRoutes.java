package dev.omniarchitect.api;

import dev.omniarchitect.batch.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * {@code GET /} and {@code GET /console/{asset}}: the web console, a page and its scripts and styles packaged
 * in the jar under {@code console/}. Every answer carries a strict Content-Security-Policy: the page runs
 * only its own scripts and styles, and talks only to this API.
 */
final class ConsoleRoutes {

    /** Only the page's own files: nothing inline, nothing from elsewhere, never framed. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    /** The console's files are flat names: no path can leave {@code console/}. */
    private static final Pattern ASSET = Pattern.compile("[a-z][a-z0-9-]*\\.(js|css|svg|html)");

    private static final Map<String, String> MEDIA_TYPES = Map.of(
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "html", "text/html; charset=utf-8");

    private final Responses responses;

    ConsoleRoutes(Responses responses) {
        this.responses = responses;
    }

    /** {@code GET /}: the console's page. */
    CompletableFuture<ApiResponse> page(ApiRequest request, Map<String, String> parameters) {
        return CompletableFuture.completedFuture(serve("index.html"));
    }

    /** {@code GET /console/{asset+}}: one of its scripts or styles. */
    CompletableFuture<ApiResponse> asset(ApiRequest request, Map<String, String> parameters) {
        String name = parameters.get("asset");
        if (!ASSET.matcher(name).matches()) {
            return CompletableFuture.completedFuture(notFound(name));
        }
        return CompletableFuture.completedFuture(serve(name));
    }

    private ApiResponse serve(String name) {
        return read(name)
                .map(text -> secured(ApiResponse.text(200, MEDIA_TYPES.get(name.substring(name.lastIndexOf('.') + 1)),
                        text)))
                .orElseGet(() -> notFound(name));
    }

    private ApiResponse notFound(String name) {
        return secured(responses.problem(Problem.of("not-found", "Not found", 404, "the console has no file " + name,
                List.of(new Violation("path", "no console file " + name)))));
    }

    private static ApiResponse secured(ApiResponse response) {
        return response.withHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .withHeader("X-Content-Type-Options", "nosniff")
                .withHeader("Referrer-Policy", "no-referrer")
                .withHeader("Cache-Control", "no-cache");
    }

    private static Optional<String> read(String name) {
        try (InputStream in = ConsoleRoutes.class.getResourceAsStream("/console/" + name)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
