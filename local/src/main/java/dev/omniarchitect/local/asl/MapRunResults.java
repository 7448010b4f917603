package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a Distributed Map's child results go: into the state's output, in item order (no ResultWriter, or a
 * WriterConfig alone), or to S3 as they end (ResultWriter with a bucket): a file of succeeded and one of failed
 * executions, and a manifest naming them, the state's output then being where the manifest is. Written as
 * they come, exported results hold no child's output in memory. Safe for the Map's workers to share.
 */
abstract class MapRunResults implements AutoCloseable {

    /** Records how a child ended. */
    abstract void add(ChildRun child) throws StatesError;

    /** The Map's result, once every child has ended. */
    abstract JsonNode result() throws StatesError;

    @Override
    public void close() throws IOException {
    }

    /** Results in the state's output, in item order. */
    static MapRunResults inOutput(ChildRun.Transformation transformation) {
        return new MapRunResults() {
            private final Map<Long, ChildRun> children = new TreeMap<>();

            @Override
            synchronized void add(ChildRun child) {
                children.put(child.index(), child);
            }

            @Override
            synchronized JsonNode result() {
                ArrayNode result = JsonNodeFactory.instance.arrayNode();
                children.values().forEach(child -> child.entries(transformation).forEach(result::add));
                return result;
            }
        };
    }

    /** Results written to S3 under {@code prefix/mapRunId/}, as JSON arrays or JSON Lines. */
    static MapRunResults exported(ObjectStore store, String bucket, String prefix, String mapRunId, String mapRunArn,
                                  ChildRun.Transformation transformation, boolean jsonLines) {
        String folder = (prefix.isEmpty() ? "" : prefix.endsWith("/") ? prefix : prefix + "/") + mapRunId + "/";
        return new MapRunResults() {
            private final Map<String, ResultFile> files = new TreeMap<>();
            private boolean closed;

            @Override
            synchronized void add(ChildRun child) throws StatesError {
                String status = child.succeeded() ? "SUCCEEDED" : "FAILED";
                ResultFile file = files.get(status);
                try {
                    if (file == null) {
                        String key = folder + status + "_0.json";
                        file = new ResultFile(key, store.write(bucket, key), jsonLines);
                        files.put(status, file);
                    }
                    for (JsonNode entry : child.entries(transformation)) {
                        file.append(entry);
                    }
                } catch (IOException e) {
                    throw new StatesError(StatesError.RESULT_WRITER_FAILED, "the results cannot be written to s3://"
                            + bucket + "/" + folder + ": " + e.getMessage());
                }
            }

            @Override
            synchronized JsonNode result() throws StatesError {
                String manifestKey = folder + "manifest.json";
                ObjectNode manifest = JsonNodeFactory.instance.objectNode();
                manifest.put("DestinationBucket", bucket);
                manifest.put("MapRunArn", mapRunArn);
                ObjectNode resultFiles = manifest.putObject("ResultFiles");
                try {
                    for (String status : List.of("FAILED", "PENDING", "SUCCEEDED")) {
                        ArrayNode listed = resultFiles.putArray(status);
                        ResultFile file = files.get(status);
                        if (file != null) {
                            file.close();
                            listed.addObject().put("Key", file.key()).put("Size", file.size());
                        }
                    }
                    closed = true;
                    try (OutputStream out = store.write(bucket, manifestKey)) {
                        out.write(JsonText.write(manifest).getBytes(StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    throw new StatesError(StatesError.RESULT_WRITER_FAILED, "the results cannot be written to s3://"
                            + bucket + "/" + folder + ": " + e.getMessage());
                }
                ObjectNode result = JsonNodeFactory.instance.objectNode();
                result.put("MapRunArn", mapRunArn);
                result.putObject("ResultWriterDetails").put("Bucket", bucket).put("Key", manifestKey);
                return result;
            }

            @Override
            public synchronized void close() throws IOException {
                if (!closed) {
                    // A Map that failed before its manifest: the children that ended are in whole files all the same.
                    List<ResultFile> open = new ArrayList<>(files.values());
                    for (ResultFile file : open) {
                        file.close();
                    }
                }
            }
        };
    }

    /** One result file being written: its entries as a JSON array, or a line each. */
    private static final class ResultFile {
        private final String key;
        private final OutputStream out;
        private final boolean jsonLines;
        private long size;
        private boolean first = true;
        private boolean closed;

        ResultFile(String key, OutputStream out, boolean jsonLines) throws IOException {
            this.key = key;
            this.out = out;
            this.jsonLines = jsonLines;
            if (!jsonLines) {
                write("[");
            }
        }

        String key() {
            return key;
        }

        long size() {
            return size;
        }

        void append(JsonNode entry) throws IOException {
            String text = JsonText.write(entry);
            write(jsonLines ? text + "\n" : (first ? "" : ",") + text);
            first = false;
        }

        void close() throws IOException {
            if (!closed) {
                closed = true;
                if (!jsonLines) {
                    write("]");
                }
                out.close();
            }
        }

        private void write(String text) throws IOException {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            out.write(bytes);
            size += bytes.length;
        }
    }
}
