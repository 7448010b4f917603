package dev.omniarchitect.local.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.omniarchitect.api.ApiRequest;
import dev.omniarchitect.api.Caller;
import dev.omniarchitect.api.GenerationsApi;
import dev.omniarchitect.api.RouteKey;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The HTTP API payload format 2.0 event API Gateway makes of a request: route key and path parameters
 * from the API's routes ({@code $default} when none matches), headers lower-cased with repeated values
 * joined by commas, query parameters decoded, a text body as is and any other body base64-encoded.
 */
final class HttpApiEvent {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private HttpApiEvent() {
    }

    /** The event for that exchange and its body. */
    static ObjectNode of(HttpExchange exchange, byte[] body, ObjectMapper mapper,
                         Optional<RequestGuard.TokenHolder> caller) {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String rawPath = exchange.getRequestURI().getRawPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        String requestId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        String host = exchange.getRequestHeaders().getFirst("Host");
        String userAgent = exchange.getRequestHeaders().getFirst("User-Agent");

        List<String> segments = new ApiRequest(method, rawPath, Map.of(), Map.of(), null).segments();
        Optional<RouteKey> route = GenerationsApi.routeOf(method, segments);
        String routeKey = route.map(RouteKey::toString).orElse("$default");

        ObjectNode event = mapper.createObjectNode()
                .put("version", "2.0")
                .put("routeKey", routeKey)
                .put("rawPath", rawPath)
                .put("rawQueryString", rawQuery == null ? "" : rawQuery);
        ObjectNode headers = event.putObject("headers");
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        if (rawQuery != null && !rawQuery.isEmpty()) {
            ObjectNode query = event.putObject("queryStringParameters");
            query(rawQuery).forEach(query::put);
        }
        ObjectNode context = event.putObject("requestContext")
                .put("accountId", "000000000000")
                .put("apiId", "local")
                .put("domainName", host == null ? "localhost" : host)
                .put("domainPrefix", "local")
                .put("requestId", requestId)
                .put("routeKey", routeKey)
                .put("stage", "$default")
                .put("time", TIME.format(now))
                .put("timeEpoch", now.toEpochMilli());
        context.putObject("http")
                .put("method", method)
                .put("path", rawPath)
                .put("protocol", exchange.getProtocol())
                .put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress())
                .put("userAgent", userAgent == null ? "" : userAgent);
        // A token's holder reaches ApiFunction as a JWT authorizer's caller would: its subject and scopes.
        caller.ifPresent(holder -> {
            ObjectNode jwt = context.putObject("authorizer").putObject("jwt");
            jwt.putObject("claims").put("sub", holder.subject());
            ArrayNode scopes = jwt.putArray("scopes");
            if (holder.admin()) {
                scopes.add(Caller.ADMIN_SCOPE);
            }
        });
        route.flatMap(matched -> matched.match(segments)).filter(parameters -> !parameters.isEmpty())
                .ifPresent(parameters -> parameters.forEach(event.putObject("pathParameters")::put));
        if (body.length > 0) {
            boolean text = isText(exchange.getRequestHeaders().getFirst("Content-Type"));
            event.put("body", text ? new String(body, StandardCharsets.UTF_8)
                    : Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", !text);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] nameValue = pair.split("=", 2);
            String name = URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8);
            String value = nameValue.length > 1 ? URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8) : "";
            values.merge(name, value, (first, second) -> first + "," + second);
        }
        return values;
    }

    private static boolean isText(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.equals("application/json") || type.endsWith("+json")
                || type.equals("application/xml") || type.equals("application/x-www-form-urlencoded")
                || type.equals("application/yaml");
    }
}
