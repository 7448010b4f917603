package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Payload Template (Parameters, ItemSelector, ResultSelector): a field whose name ends in
 * {@code .$} is computed from a path, at any depth; everything else is copied.
 */
final class PayloadTemplate {
    // An absent template hands its input on unchanged.
    private static final PayloadTemplate IDENTITY = new PayloadTemplate(new WholeInput());

    private final Part root;

    private PayloadTemplate(Part root) {
        this.root = root;
    }

    /** The template in the given field, or the identity when the field is absent. */
    static PayloadTemplate parse(FieldReader where, String field) {
        JsonNode template = where.value(field);
        if (template == null) {
            return IDENTITY;
        }
        if (!template.isObject()) {
            throw where.invalid(field, "must be an object");
        }
        return new PayloadTemplate(part(template, where, field));
    }

    JsonNode evaluate(Scope scope) throws StatesError {
        return root.evaluate(scope);
    }

    private static Part part(JsonNode template, FieldReader where, String field) {
        if (template.isObject()) {
            Map<String, Part> fields = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : template.properties()) {
                String key = entry.getKey();
                String keyField = field + "." + key;
                boolean computed = key.endsWith(".$") && key.length() > 2;
                String name = computed ? key.substring(0, key.length() - 2) : key;
                Part value;
                if (computed) {
                    if (!entry.getValue().isTextual()) {
                        throw where.invalid(keyField, "must hold a path as a string");
                    }
                    value = new Computed(ValueExpression.parse(entry.getValue().textValue(), where, keyField));
                } else {
                    value = part(entry.getValue(), where, keyField);
                }
                if (fields.put(name, value) != null) {
                    throw where.invalid(keyField, "gives field \"" + name + "\" a second value");
                }
            }
            return new ObjectPart(fields);
        }
        if (template.isArray()) {
            List<Part> elements = new ArrayList<>();
            for (int i = 0; i < template.size(); i++) {
                elements.add(part(template.get(i), where, field + "[" + i + "]"));
            }
            return new ArrayPart(elements);
        }
        return new Fixed(template);
    }

    private sealed interface Part permits WholeInput, Fixed, Computed, ObjectPart, ArrayPart {
        JsonNode evaluate(Scope scope) throws StatesError;
    }

    private record WholeInput() implements Part {
        @Override
        public JsonNode evaluate(Scope scope) {
            return scope.input();
        }
    }

    private record Fixed(JsonNode value) implements Part {
        @Override
        public JsonNode evaluate(Scope scope) {
            return value;
        }
    }

    private record Computed(ValueExpression expression) implements Part {
        @Override
        public JsonNode evaluate(Scope scope) throws StatesError {
            return expression.evaluate(scope);
        }
    }

    private record ObjectPart(Map<String, Part> fields) implements Part {
        @Override
        public JsonNode evaluate(Scope scope) throws StatesError {
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, Part> field : fields.entrySet()) {
                object.set(field.getKey(), field.getValue().evaluate(scope));
            }
            return object;
        }
    }

    private record ArrayPart(List<Part> elements) implements Part {
        @Override
        public JsonNode evaluate(Scope scope) throws StatesError {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            for (Part element : elements) {
                array.add(element.evaluate(scope));
            }
            return array;
        }
    }
}
