package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Reference Path ({@code $}, {@code $.a.b}, {@code $['a']}, {@code $.a[0]}): it names exactly one
 * node, so a result can be written there. Writing copies only the objects along the path, because
 * the nodes it leaves alone may be shared with other states and Map iterations.
 */
record ReferencePath(String text, List<Step> steps) {
    private static final String NAME_STOPS = ".[]'\"*?@(),";

    ReferencePath {
        steps = List.copyOf(steps);
    }

    static ReferencePath parse(String text, FieldReader where, String field) {
        if (!text.startsWith("$")) {
            throw notReference(text, where, field);
        }
        List<Step> steps = new ArrayList<>();
        int position = 1;
        while (position < text.length()) {
            if (text.charAt(position) == '.') {
                int end = position + 1;
                while (end < text.length() && NAME_STOPS.indexOf(text.charAt(end)) < 0
                        && !Character.isWhitespace(text.charAt(end))) {
                    end++;
                }
                if (end == position + 1) {
                    throw notReference(text, where, field);
                }
                steps.add(new Field(text.substring(position + 1, end)));
                position = end;
            } else if (text.startsWith("['", position)) {
                int end = text.indexOf("']", position + 2);
                if (end < 0 || end == position + 2 || text.substring(position + 2, end).contains("'")) {
                    throw notReference(text, where, field);
                }
                steps.add(new Field(text.substring(position + 2, end)));
                position = end + 2;
            } else if (text.charAt(position) == '[') {
                int end = text.indexOf(']', position);
                String digits = end < 0 ? "" : text.substring(position + 1, end);
                if (!digits.matches("\\d{1,9}")) {
                    throw notReference(text, where, field);
                }
                steps.add(new Index(Integer.parseInt(digits)));
                position = end + 1;
            } else {
                throw notReference(text, where, field);
            }
        }
        return new ReferencePath(text, steps);
    }

    /** The root with value written at this path, creating missing objects on the way. */
    JsonNode write(JsonNode root, JsonNode value, String stateName) throws StatesError {
        return writeAt(root, 0, value, stateName);
    }

    private JsonNode writeAt(JsonNode node, int depth, JsonNode value, String stateName) throws StatesError {
        if (depth == steps.size()) {
            return value;
        }
        Step step = steps.get(depth);
        if (step instanceof Field field) {
            if (node != null && !node.isObject()) {
                throw cannotWrite(stateName, "a " + node.getNodeType().name().toLowerCase(Locale.ROOT)
                        + " stands where an object with field '" + field.name() + "' is needed");
            }
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            if (node != null) {
                copy.setAll((ObjectNode) node);
            }
            copy.set(field.name(), writeAt(node == null ? null : node.get(field.name()), depth + 1, value, stateName));
            return copy;
        }
        int index = ((Index) step).index();
        if (node == null || !node.isArray() || index >= node.size()) {
            throw cannotWrite(stateName, "there is no array element [" + index + "] to replace");
        }
        ArrayNode copy = JsonNodeFactory.instance.arrayNode();
        copy.addAll((ArrayNode) node);
        copy.set(index, writeAt(node.get(index), depth + 1, value, stateName));
        return copy;
    }

    private StatesError cannotWrite(String stateName, String reason) {
        return StatesError.runtime(stateName, "Unable to apply the ReferencePath '" + text + "' to the input: "
                + reason + ".");
    }

    private static DefinitionException notReference(String text, FieldReader where, String field) {
        return where.invalid(field, "must be a reference path such as $, $.a.b, $['a'] or $.a[0], not \""
                + text + "\"");
    }

    /** One step of a reference path. */
    sealed interface Step permits Field, Index {
    }

    /** A step into an object's field. */
    record Field(String name) implements Step {
    }

    /** A step into an array's element. */
    record Index(int index) implements Step {
    }
}
