package dev.omniarchitect.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omniarchitect.api.ApiRequest;
import dev.omniarchitect.api.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * API Gateway REST API proxy integration, payload format 1.0 (what {@code sam local generate-event
 * apigateway aws-proxy} makes): its event as an {@link ApiRequest}, an {@link ApiResponse} as its answer.
 */
public final class RestApiEvents {

    private RestApiEvents() {
    }

    /** Whether the event came from a REST API (or an HTTP API sending payload format 1.0). */
    public static boolean isRestEvent(JsonNode event) {
        return event != null && event.path("httpMethod").isTextual() && event.path("requestContext").isObject()
                && !event.path("requestContext").path("http").isObject();
    }

    /** The request the event carries; repeated headers and query parameters are joined by commas, as in 2.0. */
    public static ApiRequest request(JsonNode event) {
        String body = event.path("body").isTextual() ? event.path("body").asText() : null;
        if (body != null && event.path("isBase64Encoded").asBoolean(false)) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        // path is the resource path without the stage (requestContext.path carries the stage).
        return new ApiRequest(event.path("httpMethod").asText(""), event.path("path").asText("/"),
                values(event.path("headers"), event.path("multiValueHeaders")),
                values(event.path("queryStringParameters"), event.path("multiValueQueryStringParameters")), body,
                RequestCallers.of(event.path("requestContext")));
    }

    /** The response in payload format 1.0: status, headers (single and multi-valued), body, base64 flag. */
    public static ObjectNode response(ApiResponse response, ObjectMapper mapper) {
        ObjectNode result = mapper.createObjectNode().put("statusCode", response.statusCode());
        ObjectNode headers = result.putObject("headers");
        ObjectNode multiValueHeaders = result.putObject("multiValueHeaders");
        response.headers().forEach((name, value) -> {
            headers.put(name, value);
            multiValueHeaders.putArray(name).add(value);
        });
        return result.put("body", response.body()).put("isBase64Encoded", response.base64Encoded());
    }

    private static Map<String, String> values(JsonNode single, JsonNode multiple) {
        Map<String, String> values = new HashMap<>();
        single.fields().forEachRemaining(field -> {
            if (!field.getValue().isNull()) {
                values.put(field.getKey(), field.getValue().asText());
            }
        });
        multiple.fields().forEachRemaining(field -> {
            List<String> all = new ArrayList<>();
            field.getValue().forEach(value -> all.add(value.asText()));
            if (!all.isEmpty()) {
                values.put(field.getKey(), String.join(",", all));
            }
        });
        return values;
    }
}
