package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Optional;

/**
 * A Distributed Map's items, one at a time as its workers take them: from an object read as it goes (a JSON
 * array through a streaming parser, or JSON Lines a line at a time), or from an array of the state's input.
 * A source of ten thousand items holds one of them, not ten thousand.
 */
abstract class ItemSource implements AutoCloseable {

    /** What ItemReader failures are called in Step Functions; Retry and Catch see this name. */
    static final String READER_FAILED = "States.ItemReaderFailed";

    private final long maxItems;
    private long read;

    ItemSource(long maxItems) {
        this.maxItems = maxItems;
    }

    /** The next item, or empty at the end (or at MaxItems). */
    final Optional<JsonNode> next() throws StatesError {
        if (read >= maxItems) {
            return Optional.empty();
        }
        Optional<JsonNode> item = read();
        item.ifPresent(found -> read++);
        return item;
    }

    /** How many items were read so far. */
    final long count() {
        return read;
    }

    abstract Optional<JsonNode> read() throws StatesError;

    @Override
    public void close() throws IOException {
    }

    /** The elements of an array of the state's input. */
    static ItemSource of(JsonNode array) {
        Iterator<JsonNode> elements = array.elements();
        return new ItemSource(Long.MAX_VALUE) {
            @Override
            Optional<JsonNode> read() {
                return elements.hasNext() ? Optional.of(elements.next()) : Optional.empty();
            }
        };
    }

    /** The elements of a JSON array, parsed one element at a time. */
    static ItemSource jsonArray(InputStream in, String where, long maxItems) throws StatesError {
        try {
            JsonParser parser = JsonText.parser(in);
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                parser.close();
                throw new StatesError(READER_FAILED, where + " is not a JSON array");
            }
            return new ItemSource(maxItems) {
                @Override
                Optional<JsonNode> read() throws StatesError {
                    try {
                        JsonToken token = parser.nextToken();
                        if (token == null || token == JsonToken.END_ARRAY) {
                            return Optional.empty();
                        }
                        return Optional.of(JsonText.read(parser));
                    } catch (IOException e) {
                        throw new StatesError(READER_FAILED, where + " is not a JSON array: item " + (count() + 1)
                                + " cannot be read");
                    }
                }

                @Override
                public void close() throws IOException {
                    parser.close();
                }
            };
        } catch (IOException e) {
            throw new StatesError(READER_FAILED, where + " cannot be read");
        }
    }

    /** One JSON value a line; blank lines are skipped. */
    static ItemSource jsonLines(InputStream in, String where, long maxItems) {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        return new ItemSource(maxItems) {
            private long lineNumber;

            @Override
            Optional<JsonNode> read() throws StatesError {
                try {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        lineNumber++;
                        if (!line.isBlank()) {
                            return Optional.of(JsonText.parse(line));
                        }
                    }
                    return Optional.empty();
                } catch (IOException e) {
                    throw new StatesError(READER_FAILED, where + ": line " + lineNumber + " is not JSON");
                }
            }

            @Override
            public void close() throws IOException {
                lines.close();
            }
        };
    }
}
