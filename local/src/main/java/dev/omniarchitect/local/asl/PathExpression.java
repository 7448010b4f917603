package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.JsonPathException;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.Optional;

/** A JSONPath over the state's input ({@code $...}) or over the context object ({@code $$...}). */
record PathExpression(String field, String text, JsonPath compiled, boolean overContext) implements ValueExpression {
    private static final Configuration JAYWAY = Configuration.builder()
            .jsonProvider(new BoundedIndexProvider())
            .mappingProvider(new JacksonMappingProvider())
            .build();

    static PathExpression parse(String text, FieldReader where, String field) {
        boolean overContext = text.startsWith("$$");
        String path = overContext ? text.substring(1) : text;
        if (!path.startsWith("$")) {
            throw where.invalid(field, "must be a path starting with $, not \"" + text + "\"");
        }
        try {
            return new PathExpression(where.fieldName(field), text, JsonPath.compile(path), overContext);
        } catch (InvalidPathException e) {
            throw where.invalid(field, "holds an invalid path \"" + text + "\": " + e.getMessage());
        }
    }

    /** The selected value, or empty when the path matches nothing. */
    Optional<JsonNode> find(Scope scope) throws StatesError {
        JsonNode document = overContext ? scope.context() : scope.input();
        try {
            return Optional.of(toNode(compiled.read(document, JAYWAY)));
        } catch (PathNotFoundException e) {
            return Optional.empty();
        } catch (JsonPathException e) {
            throw StatesError.runtime(scope.stateName(), "The JSONPath '" + text + "' specified for the field '"
                    + field + "' could not be evaluated: " + e.getMessage());
        }
    }

    @Override
    public JsonNode evaluate(Scope scope) throws StatesError {
        Optional<JsonNode> value = find(scope);
        if (value.isEmpty()) {
            throw StatesError.runtime(scope.stateName(), "The JSONPath '" + text + "' specified for the field '"
                    + field + "' could not be found in the " + (overContext ? "context object." : "input."));
        }
        return value.get();
    }

    // Jayway hands back a JSON null as Java null, and the results of its functions as Java values.
    private static JsonNode toNode(Object value) {
        if (value == null) {
            return NullNode.getInstance();
        }
        if (value instanceof JsonNode node) {
            return node;
        }
        return JAYWAY.mappingProvider().map(value, JsonNode.class, JAYWAY);
    }

    /**
     * Jayway answers null for an index past the end of an array, which would pass for a JSON null;
     * Step Functions treats it as a path that matches nothing, and Jayway does too when the lookup throws.
     */
    private static final class BoundedIndexProvider extends JacksonJsonNodeJsonProvider {
        @Override
        public Object getArrayIndex(Object array, int index) {
            if (index < 0 || index >= length(array)) {
                throw new IndexOutOfBoundsException(index);
            }
            return super.getArrayIndex(array, index);
        }
    }
}
