package dev.omniarchitect.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omniarchitect.kind.Kind;
import dev.omniarchitect.kind.KindRegistry;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@code GET /v1/kinds}: every artifact kind a batch item may name, what it makes, and its params. */
final class KindRoutes {

    private final KindRegistry kinds;
    private final Responses responses;

    KindRoutes(KindRegistry kinds, Responses responses) {
        this.kinds = kinds;
        this.responses = responses;
    }

    /** {@code GET /v1/kinds}. */
    CompletableFuture<ApiResponse> list(ApiRequest request, Map<String, String> parameters) {
        ObjectNode body = responses.mapper().createObjectNode();
        ArrayNode list = body.putArray("kinds");
        for (Kind kind : kinds.all()) {
            ObjectNode entry = list.addObject()
                    .put("name", kind.name())
                    .put("description", kind.description())
                    .put("takesInput", kind.takesInput());
            kind.defaultFileNames().forEach(entry.putArray("defaultFiles")::add);
            entry.put("params", kind.paramsDoc());
        }
        return CompletableFuture.completedFuture(responses.json(200, body));
    }
}
