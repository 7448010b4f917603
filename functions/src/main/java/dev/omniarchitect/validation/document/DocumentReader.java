package dev.omniarchitect.validation.document;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads YAML and JSON into trees that remember the line of every node, from the token locations of
 * Jackson's streaming parsers. A key written twice in one mapping is a syntax error, as in YAML 1.2
 * and as {@code kubectl} treats it; a reader that kept the last value would hide what the author meant.
 */
public final class DocumentReader {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonFactory JSON = new JsonFactory();
    /** Jackson's "(start marker at [Source: ...; line: 2, column: 16])", which names no source here. */
    private static final Pattern SOURCE_MARKER =
            Pattern.compile("\\s*\\(start marker at \\[Source: [^;]*; line: (\\d+), column: \\d+]\\)");

    private final JsonParser parser;
    private final TagResolver tags;
    private final Map<String, Integer> lines = new HashMap<>();

    private DocumentReader(JsonParser parser, TagResolver tags) {
        this.parser = parser;
        this.tags = tags;
    }

    /** Every non-empty document of a YAML stream. */
    public static List<LocatedDocument> yaml(String text) throws SyntaxException {
        return yaml(text, TagResolver.IGNORE);
    }

    /** Every non-empty document of a YAML stream, with explicit tags resolved. */
    public static List<LocatedDocument> yaml(String text, TagResolver tags) throws SyntaxException {
        try (JsonParser parser = YAML.createParser(text)) {
            List<LocatedDocument> documents = new ArrayList<>();
            while (parser.nextToken() != null) {
                DocumentReader reader = new DocumentReader(parser, tags);
                JsonNode root = reader.value(JsonPointer.empty());
                if (!root.isNull()) {
                    documents.add(new LocatedDocument(root, reader.lines));
                }
            }
            return documents;
        } catch (JsonProcessingException e) {
            throw syntaxError(e);
        } catch (IOException e) {
            throw new SyntaxException(String.valueOf(e.getMessage()), null);
        }
    }

    /** The one value of a JSON text. */
    public static LocatedDocument json(String text) throws SyntaxException {
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() == null) {
                throw new SyntaxException("the file is empty", 1);
            }
            DocumentReader reader = new DocumentReader(parser, TagResolver.IGNORE);
            JsonNode root = reader.value(JsonPointer.empty());
            if (parser.nextToken() != null) {
                throw new SyntaxException("unexpected content after the JSON value",
                        parser.currentTokenLocation().getLineNr());
            }
            return new LocatedDocument(root, reader.lines);
        } catch (JsonProcessingException e) {
            throw syntaxError(e);
        } catch (IOException e) {
            throw new SyntaxException(String.valueOf(e.getMessage()), null);
        }
    }

    /** Reads the value at the current token, which starts at the given pointer. */
    private JsonNode value(JsonPointer at) throws IOException, SyntaxException {
        lines.putIfAbsent(at.toString(), parser.currentTokenLocation().getLineNr());
        Object tag = parser.canReadTypeId() ? parser.getTypeId() : null;
        JsonNode value = switch (parser.currentToken()) {
            case START_OBJECT -> object(at);
            case START_ARRAY -> array(at);
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> integer();
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE, VALUE_FALSE -> NODES.booleanNode(parser.getBooleanValue());
            case VALUE_NULL -> NODES.nullNode();
            default -> NODES.textNode(parser.getText());
        };
        return tag == null ? value : tags.resolve(tag.toString().replaceFirst("^!+", ""), value);
    }

    private JsonNode integer() throws IOException {
        return switch (parser.getNumberType()) {
            case INT -> NODES.numberNode(parser.getIntValue());
            case LONG -> NODES.numberNode(parser.getLongValue());
            default -> NODES.numberNode(parser.getBigIntegerValue());
        };
    }

    private ObjectNode object(JsonPointer at) throws IOException, SyntaxException {
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonLocation key = parser.currentTokenLocation();
            if (object.has(name)) {
                throw new SyntaxException("duplicate key \"" + name + "\"", key.getLineNr());
            }
            JsonPointer field = at.appendProperty(name);
            lines.put(field.toString(), key.getLineNr());
            parser.nextToken();
            object.set(name, value(field));
        }
        return object;
    }

    private ArrayNode array(JsonPointer at) throws IOException, SyntaxException {
        ArrayNode array = NODES.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(value(at.appendIndex(array.size())));
        }
        return array;
    }

    private static SyntaxException syntaxError(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        Integer line = location == null || location.getLineNr() < 1 ? null : location.getLineNr();
        String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        String firstLine = message.lines().findFirst().orElse(message).strip();
        return new SyntaxException(SOURCE_MARKER.matcher(firstLine).replaceAll(" (opened on line $1)"), line);
    }
}
