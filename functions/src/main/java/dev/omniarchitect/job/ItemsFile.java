package dev.omniarchitect.job;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The file of item ids an execution's Distributed Map reads (its ItemReader, JSON Lines): one line
 * {@code {"itemId": "..."}} per item to generate, in document order. The execution carries only its key, so no
 * state holds the ids of a 10,000-item job.
 */
public final class ItemsFile {

    private static final JsonFactory JSON = new JsonFactory();

    private ItemsFile() {
    }

    /** Where the items file of that job is kept: one per job, as a job has one execution. */
    public static String key(String jobId) {
        return "jobs/" + jobId + "/items.jsonl";
    }

    /** The file's content for those item ids. */
    public static byte[] content(List<String> itemIds) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(itemIds.size() * 32);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.setRootValueSeparator(null);
            for (String itemId : itemIds) {
                json.writeStartObject();
                json.writeStringField("itemId", itemId);
                json.writeEndObject();
                json.writeRaw('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
