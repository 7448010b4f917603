package dev.omniarchitect.validation.document;

import com.fasterxml.jackson.databind.JsonNode;

/** Turns a YAML node with an explicit tag (such as CloudFormation's {@code !Ref}) into the node it stands for. */
@FunctionalInterface
public interface TagResolver {

    /** Keeps tagged values as they are: most formats give tags no meaning. */
    TagResolver IGNORE = (tag, value) -> value;

    /** The node for a value written with that tag ({@code Ref} for {@code !Ref}: leading '!' removed). */
    JsonNode resolve(String tag, JsonNode value);
}
