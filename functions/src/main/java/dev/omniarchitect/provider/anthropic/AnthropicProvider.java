package dev.omniarchitect.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omniarchitect.http.AsyncHttp;
import dev.omniarchitect.provider.JsonEndpoint;
import dev.omniarchitect.provider.Provider;
import dev.omniarchitect.provider.ProviderAnswer;
import dev.omniarchitect.provider.ProviderRequest;
import dev.omniarchitect.provider.Usage;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Anthropic's Messages API ({@code POST /v1/messages}). */
public final class AnthropicProvider implements Provider {

    public static final String NAME = "anthropic";
    /** The API version this code speaks, sent as the anthropic-version header. */
    public static final String API_VERSION = "2023-06-01";

    private final AnthropicSettings settings;
    private final ObjectMapper mapper;
    private final JsonEndpoint endpoint;
    private final Map<String, String> headers;

    public AnthropicProvider(AnthropicSettings settings, AsyncHttp http, ObjectMapper mapper, Clock clock) {
        this.settings = settings;
        this.mapper = mapper;
        this.endpoint = new JsonEndpoint(NAME, URI.create(settings.baseUrl() + "/v1/messages"), http, mapper, clock,
                body -> List.of(body.path("error").path("type")));
        this.headers = settings.apiKey() == null
                ? Map.of("anthropic-version", API_VERSION)
                : Map.of("anthropic-version", API_VERSION, "x-api-key", settings.apiKey());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String defaultModel() {
        return settings.defaultModel();
    }

    @Override
    public boolean isConfigured() {
        return settings.apiKey() != null;
    }

    @Override
    public String configurationSource() {
        return settings.apiKey() == null ? "not configured: set ANTHROPIC_API_KEY"
                : "ANTHROPIC_API_KEY, endpoint " + settings.baseUrl();
    }

    @Override
    public CompletableFuture<ProviderAnswer> generate(ProviderRequest request) {
        ObjectNode body = mapper.createObjectNode()
                .put("model", request.model())
                .put("max_tokens", request.maxTokens())
                .put("temperature", Math.min(1.0, request.temperature()))
                .put("system", request.kind().systemPrompt());
        body.putArray("messages").addObject().put("role", "user").put("content", request.userPrompt());
        return endpoint.postReadingLimits(headers, body, request.timeout())
                .thenApply(answered -> answer(answered.json(), request.model()).limits(answered.limits()));
    }

    private static ProviderAnswer answer(JsonNode json, String requestedModel) {
        StringBuilder text = new StringBuilder();
        for (JsonNode block : json.path("content")) {
            if ("text".equals(block.path("type").asText()) && block.path("text").isTextual()) {
                text.append(block.path("text").asText());
            }
        }
        if (!json.path("content").isArray()) {
            throw JsonEndpoint.badResponse(NAME, "no content array in the answer");
        }
        if (text.toString().isBlank()) {
            throw JsonEndpoint.badResponse(NAME, "the answer has no text");
        }
        String stopReason = json.path("stop_reason").asText("end_turn");
        if ("max_tokens".equals(stopReason)) {
            throw JsonEndpoint.badResponse(NAME,
                    "the answer was cut off at maxTokens (stop_reason max_tokens); raise options.maxTokens");
        }
        JsonNode usage = json.path("usage");
        return new ProviderAnswer(text.toString(), json.path("model").asText(requestedModel),
                new Usage(usage.path("input_tokens").asLong(0), usage.path("output_tokens").asLong(0)), stopReason);
    }
}
