package dev.omniarchitect.provider.blueprint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Typed, checked access to an item's params, with defaults; every failure names the param. */
public final class BlueprintParams {

    private final JsonNode params;

    public BlueprintParams(JsonNode params) {
        this.params = params == null ? NullNode.getInstance() : params;
    }

    /** A string param matching the pattern, or the default when absent. */
    public String text(String name, String fallback, Pattern allowed, String allowedDescription) {
        JsonNode value = params.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual() || !allowed.matcher(value.asText()).matches()) {
            throw invalid(name, allowedDescription, value);
        }
        return value.asText();
    }

    /** An integer param within [min, max], or the default when absent. */
    public int integer(String name, int fallback, int min, int max) {
        JsonNode value = params.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < min || value.asInt() > max) {
            throw invalid(name, "an integer from " + min + " to " + max, value);
        }
        return value.asInt();
    }

    /** A boolean param, or the default when absent. */
    public boolean flag(String name, boolean fallback) {
        JsonNode value = params.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw invalid(name, "true or false", value);
        }
        return value.asBoolean();
    }

    /** A list of strings each matching the pattern, or the default when absent. */
    public List<String> textList(String name, List<String> fallback, Pattern allowed, String allowedDescription) {
        JsonNode value = params.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isArray()) {
            throw invalid(name, "a list of " + allowedDescription, value);
        }
        List<String> result = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isTextual() || !allowed.matcher(element.asText()).matches()) {
                throw invalid(name, "a list of " + allowedDescription, element);
            }
            result.add(element.asText());
        }
        return List.copyOf(result);
    }

    private static InvalidParamsException invalid(String name, String allowed, JsonNode got) {
        String shown = got.toString();
        if (shown.length() > 60) {
            shown = shown.substring(0, 57) + "...";
        }
        return new InvalidParamsException(
                "params." + name + " must be " + allowed + ", got " + shown);
    }
}
