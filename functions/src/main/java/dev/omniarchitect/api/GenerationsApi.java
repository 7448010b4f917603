package dev.omniarchitect.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omniarchitect.batch.BatchDocumentParser;
import dev.omniarchitect.batch.Violation;
import dev.omniarchitect.cache.CacheStore;
import dev.omniarchitect.job.JobFileStore;
import dev.omniarchitect.job.JobLauncher;
import dev.omniarchitect.job.JobReader;
import dev.omniarchitect.job.JobStore;
import dev.omniarchitect.job.JobSubmitter;
import dev.omniarchitect.job.SyncRun;
import dev.omniarchitect.kind.KindRegistry;
import dev.omniarchitect.log.StructuredLog;
import dev.omniarchitect.provider.HttpFailures;
import dev.omniarchitect.provider.ProviderRegistry;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The API's routes, independent of how HTTP arrives (API Gateway's event, the local server): each request
 * is matched to a route, and every error, whatever its cause, becomes an RFC 9457 problem document.
 */
public final class GenerationsApi {

    /** Request bodies above this are refused with 413 before they are read. */
    public static final int MAX_BODY_BYTES = JsonRequestBody.MAX_BYTES;

    public static final RouteKey SUBMIT = RouteKey.parse("POST /v1/generations");
    public static final RouteKey UPLOADS = RouteKey.parse("POST /v1/uploads");
    public static final RouteKey JOB = RouteKey.parse("GET /v1/generations/{jobId}");
    public static final RouteKey BUNDLE = RouteKey.parse("GET /v1/generations/{jobId}/bundle");
    public static final RouteKey FILE = RouteKey.parse("GET /v1/generations/{jobId}/files/{itemId}/{path+}");
    public static final RouteKey CACHE_STATS = RouteKey.parse("GET /v1/cache/stats");
    public static final RouteKey CACHE_ENTRY = RouteKey.parse("DELETE /v1/cache/{cacheKey}");
    public static final RouteKey CACHE_PURGE = RouteKey.parse("POST /v1/cache/purge");
    public static final RouteKey PROVIDERS = RouteKey.parse("GET /v1/providers");
    public static final RouteKey JOBS = RouteKey.parse("GET /v1/generations");
    public static final RouteKey DOCUMENT = RouteKey.parse("GET /v1/generations/{jobId}/document");
    public static final RouteKey KINDS = RouteKey.parse("GET /v1/kinds");
    public static final RouteKey CONSOLE = RouteKey.parse("GET /");
    public static final RouteKey CONSOLE_ASSET = RouteKey.parse("GET /console/{asset+}");

    /** Every route, as template.yaml declares them to API Gateway, in the order they are matched. */
    public static final List<RouteKey> ROUTES =
            List.of(SUBMIT, UPLOADS, JOBS, JOB, BUNDLE, DOCUMENT, FILE, CACHE_STATS, CACHE_ENTRY, CACHE_PURGE, PROVIDERS,
                    KINDS, CONSOLE, CONSOLE_ASSET);

    /** One route's handling. */
    @FunctionalInterface
    private interface Route {
        CompletableFuture<ApiResponse> handle(ApiRequest request, Map<String, String> parameters);
    }

    private final Map<RouteKey, Route> routes = new LinkedHashMap<>();
    private final Responses responses;
    private final StructuredLog log;
    private final Clock clock;

    public GenerationsApi(BatchDocumentParser parser, JobLauncher launcher, JobSubmitter submitter, SyncRun sync,
                          JobReader reader, JobStore jobs, JobFileStore files, CacheStore cache,
                          ProviderRegistry providers,
                          KindRegistry kinds, ObjectMapper mapper, StructuredLog log, Clock clock) {
        this.responses = new Responses(mapper);
        this.log = log;
        this.clock = clock;
        GenerationRoutes generations = new GenerationRoutes(parser, launcher, submitter, sync, reader, jobs, files,
                responses);
        UploadRoutes uploads = new UploadRoutes(files, responses, clock);
        CacheRoutes caching = new CacheRoutes(cache, providers, kinds, responses, clock);
        ProviderRoutes listing = new ProviderRoutes(providers, responses);
        KindRoutes kindList = new KindRoutes(kinds, responses);
        ConsoleRoutes console = new ConsoleRoutes(responses);
        routes.put(SUBMIT, generations::submit);
        routes.put(UPLOADS, uploads::create);
        routes.put(JOB, generations::read);
        routes.put(BUNDLE, generations::bundle);
        routes.put(FILE, generations::file);
        routes.put(CACHE_STATS, caching::stats);
        routes.put(CACHE_ENTRY, caching::delete);
        routes.put(CACHE_PURGE, caching::purge);
        routes.put(PROVIDERS, listing::list);
        routes.put(JOBS, generations::list);
        routes.put(DOCUMENT, generations::document);
        routes.put(KINDS, kindList::list);
        routes.put(CONSOLE, console::page);
        routes.put(CONSOLE_ASSET, console::asset);
        if (!routes.keySet().equals(Set.copyOf(ROUTES))) {
            throw new IllegalStateException("every route needs exactly one handler: " + routes.keySet());
        }
    }

    /** The route a request of that method and path segments takes, as API Gateway would choose it. */
    public static Optional<RouteKey> routeOf(String method, List<String> segments) {
        return ROUTES.stream()
                .filter(route -> route.method().equals(method) && route.match(segments).isPresent())
                .findFirst();
    }

    /** Answers one request; never fails: errors become problem documents. */
    public CompletableFuture<ApiResponse> handle(ApiRequest request) {
        long start = clock.millis();
        List<String> segments = request.segments();
        Optional<RouteKey> matched = routeOf(request.method(), segments);
        CompletableFuture<ApiResponse> response;
        if (matched.isPresent()) {
            try {
                response = routes.get(matched.get()).handle(request, matched.get().match(segments).orElseThrow());
            } catch (RuntimeException e) {
                response = CompletableFuture.failedFuture(e);
            }
        } else {
            response = CompletableFuture.completedFuture(unrouted(request, segments));
        }
        String route = matched.map(RouteKey::toString).orElse("$default");
        return response
                .exceptionally(error -> internalError(route, error))
                .thenApply(answer -> ResponseLimit.fits(answer) ? answer : tooLarge(route))
                .thenApply(answer -> {
                    log.info("api.request", Map.of("route", route, "status", answer.statusCode(),
                            "ms", clock.millis() - start));
                    return answer;
                });
    }

    private ApiResponse unrouted(ApiRequest request, List<String> segments) {
        List<String> allowed = ROUTES.stream()
                .filter(route -> route.match(segments).isPresent())
                .map(RouteKey::method)
                .distinct()
                .toList();
        if (!allowed.isEmpty()) {
            return responses.problem(Problem.of("method-not-allowed", "Method not allowed", 405,
                            request.method() + " is not allowed on " + request.path(), "method",
                            request.method() + " is not allowed here; allowed: " + String.join(", ", allowed)))
                    .withHeader("Allow", String.join(", ", allowed));
        }
        return responses.problem(Problem.of("not-found", "Not found", 404,
                "there is no route " + request.method() + " " + request.path(), List.of(new Violation("path",
                        "no route matches " + request.path() + "; routes: " + ROUTES.stream().map(RouteKey::toString)
                                .collect(Collectors.joining(", "))))));
    }

    private ApiResponse internalError(String route, Throwable error) {
        log.error("api.failed", Map.of("route", route,
                "reason", HttpFailures.unwrap(error).getClass().getSimpleName()));
        return responses.problem(Problem.of("internal-error", "Internal error", 500,
                "the request could not be completed; try again", List.of()));
    }

    private ApiResponse tooLarge(String route) {
        log.error("api.response_too_large", Map.of("route", route));
        return responses.problem(Problem.of("response-too-large", "Response too large", 500,
                "the response would pass Lambda's 6 MB limit", List.of()));
    }
}
