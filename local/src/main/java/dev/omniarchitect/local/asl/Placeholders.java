package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SAM's DefinitionSubstitutions: every {@code ${Name}} in the raw definition text is replaced before
 * the text is parsed, so a placeholder may stand unquoted for a number.
 */
final class Placeholders {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    private Placeholders() {
    }

    static String substitute(String definition, Map<String, String> substitutions) {
        Matcher placeholder = PLACEHOLDER.matcher(definition);
        StringBuilder substituted = new StringBuilder();
        while (placeholder.find()) {
            String value = substitutions.get(placeholder.group(1));
            if (value == null) {
                throw unresolved(definition, placeholder.group());
            }
            placeholder.appendReplacement(substituted, Matcher.quoteReplacement(value));
        }
        placeholder.appendTail(substituted);
        return substituted.toString();
    }

    // To name the state and field, the definition is parsed with each bare placeholder quoted.
    private static DefinitionException unresolved(String definition, String placeholder) {
        String where = "state machine";
        try {
            List<String> path = new ArrayList<>();
            if (find(JsonText.parse(quoteBarePlaceholders(definition)), placeholder, path)) {
                where = describe(path);
            }
        } catch (JsonProcessingException e) {
            // Without a parsable definition the placeholder is reported without its state and field.
        }
        return new DefinitionException(where + ": placeholder " + placeholder + " has no substitution");
    }

    private static String quoteBarePlaceholders(String definition) {
        StringBuilder quoted = new StringBuilder();
        Matcher placeholder = PLACEHOLDER.matcher(definition);
        boolean inString = false;
        for (int i = 0; i < definition.length(); i++) {
            char c = definition.charAt(i);
            if (inString && c == '\\' && i + 1 < definition.length()) {
                quoted.append(c).append(definition.charAt(++i));
                continue;
            }
            if (c == '"') {
                inString = !inString;
            }
            if (!inString && c == '$' && placeholder.region(i, definition.length()).lookingAt()) {
                quoted.append('"').append(placeholder.group()).append('"');
                i = placeholder.end() - 1;
                continue;
            }
            quoted.append(c);
        }
        return quoted.toString();
    }

    // Depth-first, so the path is left naming the first string value holding the placeholder.
    private static boolean find(JsonNode node, String placeholder, List<String> path) {
        if (node.isTextual()) {
            return node.textValue().contains(placeholder);
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                path.add("[" + i + "]");
                if (find(node.get(i), placeholder, path)) {
                    return true;
                }
                path.remove(path.size() - 1);
            }
            return false;
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            path.add(field.getKey());
            if (find(field.getValue(), placeholder, path)) {
                return true;
            }
            path.remove(path.size() - 1);
        }
        return false;
    }

    // The state is the one whose name follows the innermost "States" on the path.
    private static String describe(List<String> path) {
        int states = path.subList(0, path.size() - 1).lastIndexOf("States");
        String owner = states < 0 ? "state machine" : "state \"" + path.get(states + 1) + "\"";
        List<String> field = path.subList(states < 0 ? 0 : states + 2, path.size());
        return owner + ": field \"" + String.join(".", field).replace(".[", "[") + "\"";
    }
}
