package dev.omniarchitect.provider.ollama;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Ollama's own chat API ({@code POST /api/chat}, not streamed); no key. */
public final class OllamaProvider implements Provider {

    public static final String NAME = "ollama";

    private final OllamaSettings settings;
    private final ObjectMapper mapper;
    private final JsonEndpoint endpoint;

    public OllamaProvider(OllamaSettings settings, AsyncHttp http, ObjectMapper mapper, Clock clock) {
        this.settings = settings;
        this.mapper = mapper;
        this.endpoint = new JsonEndpoint(NAME, URI.create(settings.host() + "/api/chat"), http, mapper, clock,
                body -> List.of());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String defaultModel() {
        return settings.defaultModel();
    }

    /** Ollama needs no key; whether it runs shows on the first call. */
    @Override
    public boolean isConfigured() {
        return true;
    }

    @Override
    public String configurationSource() {
        return (settings.fromEnvironment() ? "OLLAMA_HOST " : "default host ") + settings.host();
    }

    @Override
    public CompletableFuture<ProviderAnswer> generate(ProviderRequest request) {
        ObjectNode body = mapper.createObjectNode().put("model", request.model()).put("stream", false);
        body.set("messages", ChatMessages.of(mapper, request));
        body.putObject("options").put("temperature", request.temperature()).put("num_predict", request.maxTokens());
        return endpoint.post(Map.of(), body, request.timeout()).thenApply(json -> answer(json, request.model()));
    }

    private static ProviderAnswer answer(JsonNode json, String requestedModel) {
        JsonNode content = json.path("message").path("content");
        if (!content.isTextual()) {
            throw JsonEndpoint.badResponse(NAME, "no message.content in the answer");
        }
        if (content.asText().isBlank()) {
            throw JsonEndpoint.badResponse(NAME, "the answer's message is empty");
        }
        String doneReason = json.path("done_reason").asText("stop");
        if ("length".equals(doneReason)) {
            throw JsonEndpoint.badResponse(NAME,
                    "the answer was cut off at maxTokens (done_reason length); raise options.maxTokens");
        }
        return new ProviderAnswer(content.asText(), json.path("model").asText(requestedModel),
                new Usage(json.path("prompt_eval_count").asLong(0), json.path("eval_count").asLong(0)), doneReason);
    }
}
