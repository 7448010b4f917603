package dev.omniarchitect.validation.document;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A node of a {@link LocatedDocument} that knows where it is: its line, and its path for messages
 * ({@code spec.template.spec.containers[0]}). Walking past a missing field gives a missing node,
 * never null, so checks read as a straight path through the document.
 */
public final class LocatedNode {

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    private final LocatedDocument document;
    private final JsonPointer pointer;
    private final String path;
    private final JsonNode node;

    LocatedNode(LocatedDocument document, JsonPointer pointer, String path, JsonNode node) {
        this.document = document;
        this.pointer = pointer;
        this.path = path;
        this.node = node;
    }

    /** The node itself; a MissingNode when absent. */
    public JsonNode node() {
        return node;
    }

    /** The 1-based line where this node (or its key) starts, else that of its nearest ancestor. */
    public Integer line() {
        return document.line(pointer);
    }

    /** Where this node is, for messages: {@code spec.containers[0].image}; empty for the root. */
    public String path() {
        return path;
    }

    /** The field of that name; a missing node when this is no object or has no such field. */
    public LocatedNode get(String field) {
        String childPath = PLAIN_KEY.matcher(field).matches() ? field : "\"" + field + "\"";
        return new LocatedNode(document, pointer.appendProperty(field),
                path.isEmpty() ? childPath : path + "." + childPath, node.path(field));
    }

    /** The element at that index; a missing node when this is no array or is shorter. */
    public LocatedNode get(int index) {
        return new LocatedNode(document, pointer.appendIndex(index), path + "[" + index + "]", node.path(index));
    }

    /** The node at a path of field names, e.g. {@code at("spec", "template", "spec")}. */
    public LocatedNode at(String... fields) {
        LocatedNode current = this;
        for (String field : fields) {
            current = current.get(field);
        }
        return current;
    }

    /** The node at a JSON pointer relative to this one, e.g. from a Jackson error's path. */
    public LocatedNode at(JsonPointer relative) {
        LocatedNode current = this;
        for (JsonPointer rest = relative; rest != null && !rest.matches(); rest = rest.tail()) {
            current = current.isArray() && rest.getMatchingIndex() >= 0
                    ? current.get(rest.getMatchingIndex())
                    : current.get(rest.getMatchingProperty());
        }
        return current;
    }

    /** The elements of an array; empty for anything else. */
    public List<LocatedNode> elements() {
        List<LocatedNode> elements = new ArrayList<>();
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                elements.add(get(i));
            }
        }
        return elements;
    }

    /** The fields of an object, in document order; empty for anything else. */
    public List<Map.Entry<String, LocatedNode>> fields() {
        List<Map.Entry<String, LocatedNode>> fields = new ArrayList<>();
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> fields.add(Map.entry(name, get(name))));
        }
        return fields;
    }

    /** The field names of an object, in document order; empty for anything else. */
    public List<String> fieldNames() {
        return fields().stream().map(Map.Entry::getKey).toList();
    }

    /** Whether the node is absent or null. */
    public boolean isMissing() {
        return node.isMissingNode() || node.isNull();
    }

    /** Whether the node is an object (a YAML mapping). */
    public boolean isObject() {
        return node.isObject();
    }

    /** Whether the node is an array (a YAML sequence). */
    public boolean isArray() {
        return node.isArray();
    }

    /** The text of a string node; null for anything else. */
    public String text() {
        return node.isTextual() ? node.textValue() : null;
    }

    /** Whether the node is a string that is not blank. */
    public boolean hasText() {
        return node.isTextual() && !node.textValue().isBlank();
    }

    /** A scalar's value as text (numbers and booleans too); null for objects, arrays and absent nodes. */
    public String scalarText() {
        return node.isValueNode() && !node.isNull() ? node.asText() : null;
    }
}
