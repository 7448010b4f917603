package dev.omniarchitect.template;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a CloudFormation template written in YAML with its short-form tags, as CloudFormation reads it:
 * {@code !Ref X} becomes {@code {"Ref": "X"}}, {@code !GetAtt A.B} {@code {"Fn::GetAtt": ["A", "B"]}},
 * and every other {@code !Name v} becomes {@code {"Fn::Name": v}}.
 */
final class CloudFormationYaml {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CloudFormationYaml() {
    }

    static JsonNode read(Path file) throws IOException {
        try (YAMLParser parser = new YAMLFactory().createParser(Files.readString(file))) {
            parser.nextToken();
            return value(parser);
        }
    }

    private static JsonNode value(YAMLParser parser) throws IOException {
        String tag = parser.getTypeId();
        JsonNode value;
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            ObjectNode object = NODES.objectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                object.set(name, value(parser));
            }
            value = object;
        } else if (token == JsonToken.START_ARRAY) {
            ArrayNode array = NODES.arrayNode();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                array.add(value(parser));
            }
            value = array;
        } else if (token == JsonToken.VALUE_NULL) {
            value = NODES.nullNode();
        } else if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            value = NODES.booleanNode(parser.getBooleanValue());
        } else if (token == JsonToken.VALUE_NUMBER_INT) {
            value = NODES.numberNode(parser.getLongValue());
        } else if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            value = NODES.numberNode(parser.getDecimalValue());
        } else {
            value = NODES.textNode(parser.getText());
        }
        return tag == null ? value : tagged(tag.replaceFirst("^!+", ""), value);
    }

    private static JsonNode tagged(String tag, JsonNode value) {
        if (tag.equals("Ref") || tag.equals("Condition")) {
            return NODES.objectNode().set(tag, value);
        }
        if (tag.equals("GetAtt") && value.isTextual()) {
            String[] parts = value.asText().split("\\.", 2);
            return NODES.objectNode().set("Fn::GetAtt", NODES.arrayNode().add(parts[0]).add(parts[1]));
        }
        return NODES.objectNode().set("Fn::" + tag, value);
    }
}
