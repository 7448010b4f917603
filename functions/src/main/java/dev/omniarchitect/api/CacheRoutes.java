package dev.omniarchitect.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omniarchitect.batch.BatchLimits;
import dev.omniarchitect.batch.Violation;
import dev.omniarchitect.cache.CacheFilter;
import dev.omniarchitect.cache.CacheKey;
import dev.omniarchitect.cache.CacheStore;
import dev.omniarchitect.kind.KindRegistry;
import dev.omniarchitect.provider.ProviderRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The {@code /v1/cache} routes: stats by provider, delete one entry, purge by provider, model and kind. */
final class CacheRoutes {

    /** Entries one purge deletes at most, so it ends well within the API's 30 s. */
    static final int PURGE_LIMIT = 5_000;

    private static final List<String> PURGE_FIELDS = List.of("provider", "model", "kind");

    private final CacheStore cache;
    private final ProviderRegistry providers;
    private final KindRegistry kinds;
    private final Responses responses;
    private final Clock clock;

    CacheRoutes(CacheStore cache, ProviderRegistry providers, KindRegistry kinds, Responses responses, Clock clock) {
        this.cache = cache;
        this.providers = providers;
        this.kinds = kinds;
        this.responses = responses;
        this.clock = clock;
    }

    /** {@code GET /v1/cache/stats}. */
    CompletableFuture<ApiResponse> stats(ApiRequest request, Map<String, String> parameters) {
        return cache.stats(clock.instant()).thenApply(stats -> responses.json(200, stats));
    }

    /** {@code DELETE /v1/cache/{cacheKey}}. */
    CompletableFuture<ApiResponse> delete(ApiRequest request, Map<String, String> parameters) {
        if (!request.caller().admin()) {
            return CompletableFuture.completedFuture(responses.problem(Problem.adminOnly("delete a cache entry")));
        }
        String key = parameters.get("cacheKey");
        if (!CacheKey.isWellFormed(key)) {
            return CompletableFuture.completedFuture(responses.problem(Problem.of("invalid-request",
                    "Invalid request", 400, "\"" + key + "\" is not a cache key", "cacheKey",
                    "must be 64 lower-case hexadecimal digits (the SHA-256 cache key)")));
        }
        return cache.delete(key).thenApply(deleted -> deleted
                ? ApiResponse.empty(204)
                : responses.problem(Problem.of("cache-entry-not-found", "Cache entry not found", 404,
                        "there is no cache entry " + key, "cacheKey", "no entry under this key")));
    }

    /** {@code POST /v1/cache/purge} with an optional body {@code {"provider", "model", "kind"}}. */
    CompletableFuture<ApiResponse> purge(ApiRequest request, Map<String, String> parameters) {
        if (!request.caller().admin()) {
            return CompletableFuture.completedFuture(responses.problem(Problem.adminOnly("purge the cache")));
        }
        CacheFilter filter = CacheFilter.ALL;
        if (request.body() != null && !request.body().isBlank()) {
            Optional<Problem> refused = JsonRequestBody.refusal(request);
            if (refused.isPresent()) {
                return CompletableFuture.completedFuture(responses.problem(refused.get()));
            }
            List<Violation> violations = new ArrayList<>();
            filter = filter(JsonRequestBody.read(responses.mapper(), request.body()), violations);
            if (!violations.isEmpty()) {
                return CompletableFuture.completedFuture(responses.problem(Problem.of("invalid-request",
                        "Invalid purge filter", 400, violations.size() + " problem(s) in the filter; nothing was purged",
                        violations)));
            }
        }
        CacheFilter chosen = filter;
        return cache.purge(chosen, PURGE_LIMIT).thenApply(result -> {
            ObjectNode body = responses.mapper().createObjectNode()
                    .put("deleted", result.deleted())
                    .put("complete", result.complete());
            body.set("filter", responses.mapper().valueToTree(chosen));
            return responses.json(200, body);
        });
    }

    private CacheFilter filter(JsonRequestBody.Read body, List<Violation> violations) {
        if (body.malformed() != null) {
            violations.add(body.malformed());
            return null;
        }
        JsonNode json = body.json();
        if (!json.isObject()) {
            violations.add(new Violation("$", "the filter must be a JSON object with optional provider, model, kind"));
            return null;
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!PURGE_FIELDS.contains(name)) {
                violations.add(new Violation(name, "unknown field; allowed here: " + String.join(", ", PURGE_FIELDS)));
            }
        }
        String provider = text(json, "provider", violations);
        if (provider != null && providers.find(provider).isEmpty()) {
            violations.add(new Violation("provider", "unknown provider \"" + provider + "\"; known providers: "
                    + String.join(", ", providers.defaultModels().keySet())));
        }
        String model = text(json, "model", violations);
        if (model != null && !BatchLimits.MODEL_ID.matcher(model).matches()) {
            violations.add(new Violation("model", "must be a model id of 1 to 200 letters, digits and ._:/@+- characters"));
        }
        String kind = text(json, "kind", violations);
        if (kind != null && kinds.find(kind).isEmpty()) {
            violations.add(new Violation("kind", "unknown kind \"" + kind + "\"; known kinds: "
                    + String.join(", ", kinds.names())));
        }
        return new CacheFilter(provider, model, kind);
    }

    private static String text(JsonNode json, String field, List<Violation> violations) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            violations.add(new Violation(field, "must be a string, got " + value));
            return null;
        }
        return value.asText();
    }
}
