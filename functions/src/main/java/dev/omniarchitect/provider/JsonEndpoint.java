package dev.omniarchitect.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omniarchitect.http.AsyncHttp;
import dev.omniarchitect.http.HttpRequest;
import dev.omniarchitect.http.HttpResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A provider's JSON-over-HTTPS API: posts a body, and turns everything but a 2xx JSON answer into a
 * {@link ProviderException} naming the provider's error code or type, never its message text.
 */
public final class JsonEndpoint {

    private final String provider;
    private final URI uri;
    private final AsyncHttp http;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Function<JsonNode, List<JsonNode>> errorCodes;

    /**
     * @param errorCodes  where the provider puts its error code or type in an error body, e.g.
     *                    {@code body -> List.of(body.path("error").path("type"))}
     */
    public JsonEndpoint(String provider, URI uri, AsyncHttp http, ObjectMapper mapper, Clock clock,
                        Function<JsonNode, List<JsonNode>> errorCodes) {
        this.provider = provider;
        this.uri = uri;
        this.http = http;
        this.mapper = mapper;
        this.clock = clock;
        this.errorCodes = errorCodes;
    }

    /** An answer's JSON, and what its rate-limit headers say ({@link RateLimitHeaders}). */
    public record Answered(JsonNode json, RateLimits limits) {
    }

    /** Posts the body; completes with the answer's JSON or fails with a ProviderException. */
    public CompletableFuture<JsonNode> post(Map<String, String> headers, JsonNode body, Duration timeout) {
        return postReadingLimits(headers, body, timeout).thenApply(Answered::json);
    }

    /** As {@link #post}, with what the answer's rate-limit headers say. */
    public CompletableFuture<Answered> postReadingLimits(Map<String, String> headers, JsonNode body,
                                                         Duration timeout) {
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            return CompletableFuture.failedFuture(new ProviderException(ErrorCode.INTERNAL_ERROR,
                    "could not encode the request to " + provider, e));
        }
        return http.send(HttpRequest.postJson(uri, headers, bytes), timeout)
                .handle((response, error) -> {
                    if (error != null) {
                        throw HttpFailures.forThrowable(provider, error);
                    }
                    if (response.status() < 200 || response.status() > 299) {
                        throw HttpFailures.forResponse(provider, response, codes(response), clock);
                    }
                    try {
                        return new Answered(mapper.readTree(response.body()), RateLimitHeaders.of(response));
                    } catch (IOException e) {
                        throw badResponse(provider, "the body is not JSON");
                    }
                });
    }

    /** The failure for an answer that arrived but cannot be used. */
    public static ProviderException badResponse(String provider, String reason) {
        return new ProviderException(ErrorCode.PROVIDER_BAD_RESPONSE, provider + " sent a bad response: " + reason);
    }

    private List<String> codes(HttpResponse response) {
        try {
            return errorCodes.apply(mapper.readTree(response.body())).stream()
                    .filter(node -> node != null && node.isTextual())
                    .map(JsonNode::asText)
                    .toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
