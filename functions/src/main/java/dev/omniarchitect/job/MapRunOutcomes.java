package dev.omniarchitect.job;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Reads what a Distributed Map's ResultWriter left: the manifest, then each result file it lists, an entry per
 * child execution, each turned into the item's {@link MapItemOutcome} as it is read, so no file is ever one
 * buffer. A child that succeeded carries its output (the function's outcome, or what its Catch made of a failure);
 * one that failed, timed out or was aborted carries its input (the item id) and its error's name.
 */
public final class MapRunOutcomes {

    private final JobFileStore files;
    private final ObjectMapper mapper;
    /** Reads one entry of a file at a time: the rest of the file follows it. */
    private final ObjectReader entries;

    public MapRunOutcomes(JobFileStore files, ObjectMapper mapper) {
        this.files = files;
        this.mapper = mapper;
        this.entries = mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * Every child's outcome, read from the manifest at that key of the store's bucket. Blocks while it reads: call
     * it from a handler's thread, never from an event loop.
     */
    public List<MapItemOutcome> read(String manifestKey) {
        List<MapItemOutcome> outcomes = new ArrayList<>();
        JsonNode manifest;
        try (InputStream in = open(manifestKey)) {
            manifest = mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("the Map Run's manifest " + manifestKey + " cannot be read", e);
        }
        for (JsonNode files : manifest.path("ResultFiles")) {
            for (JsonNode file : files) {
                String key = file.path("Key").asText();
                try (InputStream in = open(key)) {
                    eachEntry(in, entry -> outcomes.add(outcome(entry)));
                } catch (IOException e) {
                    throw new UncheckedIOException("the Map Run's result file " + key + " cannot be read", e);
                }
            }
        }
        return outcomes;
    }

    private InputStream open(String key) throws IOException {
        try {
            return files.open(key).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    /** Each entry of a result file: a JSON array (the ResultWriter's default) or JSON Lines, one at a time. */
    private void eachEntry(InputStream in, Consumer<JsonNode> each) throws IOException {
        try (JsonParser parser = mapper.getFactory().createParser(in)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_ARRAY) {
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    each.accept(entries.readTree(parser));
                }
                return;
            }
            while (first == JsonToken.START_OBJECT) {
                each.accept(entries.readTree(parser));
                first = parser.nextToken();
            }
        }
    }

    private MapItemOutcome outcome(JsonNode entry) {
        JsonNode input = parsed(entry.path("Input"));
        String itemId = input.path("itemId").textValue();
        if ("SUCCEEDED".equals(entry.path("Status").asText())) {
            JsonNode output = parsed(entry.path("Output"));
            MapItemOutcome outcome = MapItemOutcome.fromJson(mapper, output);
            return outcome.itemId() != null ? outcome : MapItemOutcome.failed(itemId, "States.Runtime");
        }
        String error = entry.path("Error").asText("");
        return MapItemOutcome.failed(itemId, error.isEmpty() ? "States." + entry.path("Status").asText("Failed")
                : error);
    }

    /** A field the ResultWriter holds as JSON text (Input, Output), read; a missing or unreadable one is empty. */
    private JsonNode parsed(JsonNode field) {
        if (field.isTextual()) {
            try {
                return mapper.readTree(field.textValue());
            } catch (IOException e) {
                return mapper.createObjectNode();
            }
        }
        return field.isObject() ? field : mapper.createObjectNode();
    }
}
