package dev.omniarchitect.provider.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omniarchitect.http.AsyncHttp;
import dev.omniarchitect.http.HttpRequest;
import dev.omniarchitect.http.HttpResponse;
import dev.omniarchitect.provider.ErrorCode;
import dev.omniarchitect.provider.HttpFailures;
import dev.omniarchitect.provider.Provider;
import dev.omniarchitect.provider.ProviderAnswer;
import dev.omniarchitect.provider.ProviderException;
import dev.omniarchitect.provider.ProviderRequest;
import dev.omniarchitect.provider.SecretRedaction;
import dev.omniarchitect.provider.Usage;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** OpenAI's Chat Completions API, and every server that speaks it (Ollama, vLLM, Groq, LM Studio, ...). */
public final class OpenAiProvider implements Provider {

    public static final String NAME = "openai";

    private final OpenAiSettings settings;
    private final AsyncHttp http;
    private final ObjectMapper mapper;
    private final URI endpoint;

    public OpenAiProvider(OpenAiSettings settings, AsyncHttp http, ObjectMapper mapper) {
        this.settings = settings;
        this.http = http;
        this.mapper = mapper;
        this.endpoint = URI.create(settings.baseUrl() + "/chat/completions");
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
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(requestBody(request));
        } catch (JsonProcessingException e) {
            return CompletableFuture.failedFuture(new ProviderException(ErrorCode.INTERNAL_ERROR,
                    "could not encode the request", e));
        }
        Map<String, String> headers = new HashMap<>();
        if (settings.apiKey() != null) {
            headers.put("Authorization", "Bearer " + settings.apiKey());
        }
        if (settings.organization() != null) {
            headers.put("OpenAI-Organization", settings.organization());
        }
        return http.send(HttpRequest.postJson(endpoint, headers, body), request.timeout())
                .handle((response, error) -> {
                    if (error != null) {
                        throw HttpFailures.forThrowable(NAME, error);
                    }
                    return answer(response, request.model());
                });
    }

    private ObjectNode requestBody(ProviderRequest request) {
        ObjectNode body = mapper.createObjectNode();
        body.put("model", request.model());
        body.putArray("messages")
                .add(mapper.createObjectNode().put("role", "system").put("content", request.kind().systemPrompt()))
                .add(mapper.createObjectNode().put("role", "user").put("content", request.userPrompt()));
        body.put("temperature", request.temperature());
        body.put(settings.isOpenAiItself() ? "max_completion_tokens" : "max_tokens", request.maxTokens());
        body.put("stream", false);
        return body;
    }

    private ProviderAnswer answer(HttpResponse response, String requestedModel) {
        if (response.status() < 200 || response.status() > 299) {
            throw new ProviderException(HttpFailures.forStatus(response.status()),
                    NAME + " answered HTTP " + response.status() + errorDetail(response));
        }
        JsonNode json;
        try {
            json = mapper.readTree(response.body());
        } catch (java.io.IOException e) {
            throw badResponse("the body is not JSON");
        }
        JsonNode choice = json.path("choices").path(0);
        JsonNode content = choice.path("message").path("content");
        if (!content.isTextual()) {
            throw badResponse("no choices[0].message.content in the answer");
        }
        if (content.asText().isBlank()) {
            throw badResponse("the answer's message is empty");
        }
        String finishReason = choice.path("finish_reason").asText("stop");
        if ("length".equals(finishReason)) {
            throw badResponse("the answer was cut off at maxTokens (finish_reason length); raise options.maxTokens");
        }
        JsonNode usage = json.path("usage");
        return new ProviderAnswer(
                content.asText(),
                json.path("model").asText(requestedModel),
                new Usage(usage.path("prompt_tokens").asLong(0), usage.path("completion_tokens").asLong(0)),
                finishReason);
    }

    private String errorDetail(HttpResponse response) {
        try {
            JsonNode message = mapper.readTree(response.body()).path("error").path("message");
            return message.isTextual() ? ": " + SecretRedaction.redact(message.asText()) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static ProviderException badResponse(String reason) {
        return new ProviderException(ErrorCode.PROVIDER_BAD_RESPONSE, NAME + " sent a bad response: " + reason);
    }
}
