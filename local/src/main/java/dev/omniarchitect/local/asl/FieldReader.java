package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the fields of one JSON object of a definition, and words every refusal as
 * {@code state "Name": field "Path" ...} so the author can find the offending field.
 */
final class FieldReader {
    // The largest number Step Functions accepts for its second counts and attempt counts.
    private static final int MAX_COUNT = 99_999_999;

    private final String owner;
    private final String prefix;
    private final JsonNode node;
    private final Set<String> stateNames;

    private FieldReader(String owner, String prefix, JsonNode node, Set<String> stateNames) {
        this.owner = owner;
        this.prefix = prefix;
        this.node = node;
        this.stateNames = stateNames;
    }

    static FieldReader stateMachine(JsonNode root) {
        if (!root.isObject()) {
            throw new DefinitionException("state machine: the definition must be a JSON object");
        }
        return new FieldReader("state machine", "", root, Set.of());
    }

    /** A reader for one state, whose Next-like fields may name any of stateNames. */
    static FieldReader state(String name, JsonNode node, Set<String> stateNames) {
        String owner = "state \"" + name + "\"";
        if (!node.isObject()) {
            throw new DefinitionException(owner + ": the state must be a JSON object");
        }
        return new FieldReader(owner, "", node, stateNames);
    }

    FieldReader object(String field) {
        JsonNode value = required(field);
        if (!value.isObject()) {
            throw invalid(field, "must be an object");
        }
        return new FieldReader(owner, fieldName(field) + ".", value, stateNames);
    }

    /** The objects of an array field; none when the field is absent. */
    List<FieldReader> objects(String field) {
        JsonNode value = node.get(field);
        List<FieldReader> readers = new ArrayList<>();
        if (value == null) {
            return readers;
        }
        if (!value.isArray()) {
            throw invalid(field, "must be an array");
        }
        for (int i = 0; i < value.size(); i++) {
            String element = field + "[" + i + "]";
            if (!value.get(i).isObject()) {
                throw invalid(element, "must be an object");
            }
            readers.add(new FieldReader(owner, fieldName(element) + ".", value.get(i), stateNames));
        }
        return readers;
    }

    Set<String> fieldNames() {
        Set<String> names = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    void allowOnly(Set<String> allowed) {
        for (String field : fieldNames()) {
            if (!allowed.contains(field)) {
                throw unsupported(field);
            }
        }
    }

    boolean has(String field) {
        return node.has(field);
    }

    /** The field's value, or null when it is absent. */
    JsonNode value(String field) {
        return node.get(field);
    }

    private JsonNode required(String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            throw invalid(field, "is required");
        }
        return value;
    }

    String string(String field) {
        JsonNode value = required(field);
        if (!value.isTextual()) {
            throw invalid(field, "must be a string");
        }
        return value.textValue();
    }

    Optional<String> optionalString(String field) {
        return has(field) ? Optional.of(string(field)) : Optional.empty();
    }

    List<String> strings(String field) {
        JsonNode value = required(field);
        if (!value.isArray() || value.isEmpty()) {
            throw invalid(field, "must be a non-empty array of strings");
        }
        List<String> strings = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                throw invalid(field, "must be a non-empty array of strings");
            }
            strings.add(element.textValue());
        }
        return strings;
    }

    /** An integer field from min up to Step Functions' maximum. */
    Optional<Integer> optionalCount(String field, int min) {
        JsonNode value = node.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min
                || value.intValue() > MAX_COUNT) {
            throw invalid(field, "must be an integer from " + min + " to " + MAX_COUNT);
        }
        return Optional.of(value.intValue());
    }

    /** A field naming the state to go to, which must exist among this state's siblings. */
    String target(String field) {
        String target = string(field);
        if (!stateNames.contains(target)) {
            throw invalid(field, "names state \"" + target + "\", which does not exist");
        }
        return target;
    }

    String fieldName(String field) {
        return prefix + field;
    }

    DefinitionException invalid(String field, String problem) {
        return new DefinitionException(owner + ": field \"" + fieldName(field) + "\" " + problem);
    }

    DefinitionException unsupported(String field) {
        return invalid(field, "is not supported by the local executor");
    }

    DefinitionException unsupportedValue(String field, String value) {
        return invalid(field, "value \"" + value + "\" is not supported by the local executor");
    }
}
