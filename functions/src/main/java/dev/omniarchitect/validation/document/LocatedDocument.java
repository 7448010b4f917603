package dev.omniarchitect.validation.document;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Map;

/** One parsed YAML or JSON document and the line where each of its nodes starts. */
public final class LocatedDocument {

    private final JsonNode root;
    private final Map<String, Integer> lines;

    LocatedDocument(JsonNode root, Map<String, Integer> lines) {
        this.root = root;
        this.lines = Map.copyOf(lines);
    }

    /** A document with nothing in it, as an empty file reads. */
    static LocatedDocument empty() {
        return new LocatedDocument(MissingNode.getInstance(), Map.of());
    }

    /** The document's root node, to walk with lines. */
    public LocatedNode root() {
        return new LocatedNode(this, JsonPointer.empty(), "", root);
    }

    /** The line of the node at that pointer, or of its nearest ancestor that has one. */
    Integer line(JsonPointer pointer) {
        for (JsonPointer at = pointer; at != null; at = at.head()) {
            Integer line = lines.get(at.toString());
            if (line != null) {
                return line;
            }
        }
        return null;
    }
}
