package dev.omniarchitect.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omniarchitect.http.AsyncHttp;
import dev.omniarchitect.provider.JsonEndpoint;
import dev.omniarchitect.provider.Provider;
import dev.omniarchitect.provider.ChatMessages;
import dev.omniarchitect.provider.ProviderAnswer;
import dev.omniarchitect.provider.ProviderRequest;
import dev.omniarchitect.provider.Usage;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** OpenAI's Chat Completions API, and every server that speaks it (Ollama's /v1, vLLM, Groq, LM Studio, ...). */
public final class OpenAiProvider implements Provider {

    public static final String NAME = "openai";

    private final OpenAiSettings settings;
    private final ObjectMapper mapper;
    private final JsonEndpoint endpoint;
    private final Map<String, String> headers;

    public OpenAiProvider(OpenAiSettings settings, AsyncHttp http, ObjectMapper mapper, Clock clock) {
        this.settings = settings;
        this.mapper = mapper;
        this.endpoint = new JsonEndpoint(NAME, URI.create(settings.baseUrl() + "/chat/completions"), http, mapper,
                clock, body -> List.of(body.path("error").path("type"), body.path("error").path("code")));
        Map<String, String> fixed = new HashMap<>();
        if (settings.apiKey() != null) {
            fixed.put("Authorization", "Bearer " + settings.apiKey());
        }
        if (settings.organization() != null) {
            fixed.put("OpenAI-Organization", settings.organization());
        }
        this.headers = Map.copyOf(fixed);
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
        return settings.isConfigured();
    }

    @Override
    public String configurationSource() {
        if (!settings.isConfigured()) {
            return "not configured: set OPENAI_API_KEY, or OPENAI_BASE_URL for a compatible server";
        }
        return (settings.apiKey() != null ? "OPENAI_API_KEY" : "no key") + ", endpoint " + settings.baseUrl();
    }

    @Override
    public CompletableFuture<ProviderAnswer> generate(ProviderRequest request) {
        ObjectNode body = mapper.createObjectNode();
        body.put("model", request.model());
        body.set("messages", ChatMessages.of(mapper, request));
        body.put("temperature", request.temperature());
        body.put(settings.isOpenAiItself() ? "max_completion_tokens" : "max_tokens", request.maxTokens());
        body.put("stream", false);
        return endpoint.postReadingLimits(headers, body, request.timeout())
                .thenApply(answered -> answer(answered.json(), request.model()).limits(answered.limits()));
    }

    private static ProviderAnswer answer(JsonNode json, String requestedModel) {
        JsonNode choice = json.path("choices").path(0);
        JsonNode content = choice.path("message").path("content");
        if (!content.isTextual()) {
            throw JsonEndpoint.badResponse(NAME, "no choices[0].message.content in the answer");
        }
        if (content.asText().isBlank()) {
            throw JsonEndpoint.badResponse(NAME, "the answer's message is empty");
        }
        String finishReason = choice.path("finish_reason").asText("stop");
        if ("length".equals(finishReason)) {
            throw JsonEndpoint.badResponse(NAME,
                    "the answer was cut off at maxTokens (finish_reason length); raise options.maxTokens");
        }
        JsonNode usage = json.path("usage");
        return new ProviderAnswer(content.asText(), json.path("model").asText(requestedModel),
                new Usage(usage.path("prompt_tokens").asLong(0), usage.path("completion_tokens").asLong(0)),
                finishReason);
    }
}
