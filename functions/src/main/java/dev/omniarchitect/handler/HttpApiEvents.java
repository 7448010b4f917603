package dev.omniarchitect.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omniarchitect.api.ApiRequest;
import dev.omniarchitect.api.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** API Gateway HTTP API payload format 2.0: its event as an {@link ApiRequest}, an {@link ApiResponse} as its answer. */
public final class HttpApiEvents {

    private HttpApiEvents() {
    }

    /** Whether the event came from an HTTP API. */
    public static boolean isHttpEvent(JsonNode event) {
        return event != null && event.path("requestContext").path("http").isObject();
    }

    /** The request the event carries. */
    public static ApiRequest request(JsonNode event) {
        JsonNode http = event.path("requestContext").path("http");
        String path = event.path("rawPath").isTextual() ? event.path("rawPath").asText() : http.path("path").asText();
        String body = event.path("body").isTextual() ? event.path("body").asText() : null;
        if (body != null && event.path("isBase64Encoded").asBoolean(false)) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        return new ApiRequest(http.path("method").asText(""), path, strings(event.path("headers")),
                strings(event.path("queryStringParameters")), body, RequestCallers.of(event.path("requestContext")));
    }

    /** The response as API Gateway expects it back. */
    public static ObjectNode response(ApiResponse response, ObjectMapper mapper) {
        ObjectNode result = mapper.createObjectNode().put("statusCode", response.statusCode());
        ObjectNode headers = result.putObject("headers");
        response.headers().forEach(headers::put);
        return result.put("body", response.body()).put("isBase64Encoded", response.base64Encoded());
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> values = new HashMap<>();
        object.fields().forEachRemaining(field -> values.put(field.getKey(), field.getValue().asText()));
        return values;
    }
}
