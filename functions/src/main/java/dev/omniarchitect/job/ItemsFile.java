package dev.omniarchitect.job;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The file of item ids an execution's Distributed Map reads (its ItemReader, InputType JSON): an array of
 * {@code {"itemId": "..."}}, one per item to generate, in document order. The execution carries only its key, so no
 * state holds the ids of a 10,000-item job. A JSON array rather than JSON Lines: Step Functions reads both, and
 * the emulators the workflow tests against (LocalStack) read the array.
 */
public final class ItemsFile {

    private static final JsonFactory JSON = new JsonFactory();

    private ItemsFile() {
    }

    /** Where the items file of that job is kept: one per job, as a job has one execution. */
    public static String key(String jobId) {
        return "jobs/" + jobId + "/items.json";
    }

    /** Writes the items file of those items of that job; the input its execution starts with, once written. */
    public static CompletableFuture<ExecutionInput> write(JobFileStore files, String jobId, List<String> itemIds) {
        String key = key(jobId);
        return files.put(key, content(itemIds)).thenApply(written -> new ExecutionInput(jobId, key));
    }

    /** The file's content for those item ids. */
    public static byte[] content(List<String> itemIds) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(itemIds.size() * 32);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartArray();
            for (String itemId : itemIds) {
                json.writeStartObject();
                json.writeStringField("itemId", itemId);
                json.writeEndObject();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
