package dev.omniarchitect.kinds.kubernetes;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Cuts a value that has the wrong type out of a manifest, so the rest can be read and checked too. */
final class TypeErrors {

    private TypeErrors() {
    }

    /** Removes the value at the pointer (an array element becomes null); false when there is nothing to cut. */
    static boolean remove(JsonNode document, JsonPointer pointer) {
        if (pointer.matches()) {
            return false;
        }
        JsonNode parent = document.at(pointer.head());
        if (parent instanceof ObjectNode object && object.has(pointer.last().getMatchingProperty())) {
            object.remove(pointer.last().getMatchingProperty());
            return true;
        }
        if (parent instanceof ArrayNode array && pointer.last().getMatchingIndex() >= 0
                && pointer.last().getMatchingIndex() < array.size()
                && !array.get(pointer.last().getMatchingIndex()).isNull()) {
            array.set(pointer.last().getMatchingIndex(), NullNode.getInstance());
            return true;
        }
        return false;
    }
}
