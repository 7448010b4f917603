package dev.omniarchitect.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omniarchitect.provider.Provider;
import dev.omniarchitect.provider.ProviderRegistry;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@code GET /v1/providers}: every provider of this deployment, whether it is configured, and its default model. */
final class ProviderRoutes {

    private final ProviderRegistry providers;
    private final Responses responses;

    ProviderRoutes(ProviderRegistry providers, Responses responses) {
        this.providers = providers;
        this.responses = responses;
    }

    /** {@code GET /v1/providers}. */
    CompletableFuture<ApiResponse> list(ApiRequest request, Map<String, String> parameters) {
        ObjectNode body = responses.mapper().createObjectNode().put("defaultProvider", providers.defaultProvider());
        ArrayNode list = body.putArray("providers");
        for (Provider provider : providers.all()) {
            list.addObject()
                    .put("name", provider.name())
                    .put("configured", provider.isConfigured())
                    .put("defaultModel", provider.defaultModel())
                    .put("configurationSource", provider.configurationSource());
        }
        return CompletableFuture.completedFuture(responses.json(200, body));
    }
}
