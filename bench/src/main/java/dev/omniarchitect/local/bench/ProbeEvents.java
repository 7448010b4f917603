package dev.omniarchitect.local.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omniarchitect.batch.BatchDocument;
import dev.omniarchitect.job.JobIds;
import dev.omniarchitect.job.JobRecord;
import dev.omniarchitect.job.Owner;
import dev.omniarchitect.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The events a probe JVM invokes its function with, as Lambda would pass them, each with the text its
 * output must contain; the jobs they name are stored in DynamoDB Local first. Every file gets jobs of
 * its own, so no probe reads another's cache entries or results.
 */
final class ProbeEvents {

    private static final String ITEM_SUCCEEDED = "\"status\":\"SUCCEEDED\"";

    private final BenchPipeline pipeline;
    private final Path directory;
    private final ObjectMapper mapper = Json.mapper();
    private final JobIds jobIds = new JobIds(Clock.systemUTC());
    private int files;

    ProbeEvents(BenchPipeline pipeline, Path directory) {
        this.pipeline = pipeline;
        this.directory = directory;
    }

    /** The events of that function for a probe that invokes it with batches of {@code items} items. */
    Path forFunction(String function, int items) {
        return switch (function) {
            case "ProviderCallFunction" -> providerCalls(items);
            case "AggregateFunction" -> aggregations(items);
            case "ApiFunction" -> apiCalls(items);
            default -> throw new IllegalArgumentException("no events for " + function);
        };
    }

    /** One ProviderCallFunction event per item of a new job: every one a cache miss. */
    private Path providerCalls(int items) {
        String jobId = jobIds.next();
        BatchDocument document = pipeline.batch(items, "probe-" + jobId, "use");
        pipeline.services().jobs().create(jobId, document, Owner.LOCAL, Clock.systemUTC().instant()).join();
        List<String> lines = new ArrayList<>();
        document.items().forEach(item -> lines.add(line(ITEM_SUCCEEDED,
                mapper.createObjectNode().put("jobId", jobId).put("itemId", item.id()))));
        return write(lines);
    }

    /** AggregateFunction's event for a finished job, twice: the second aggregation is the warm one. */
    private Path aggregations(int items) {
        JobRecord job = finishedJob(items);
        ObjectNode event = mapper.createObjectNode()
                .put("jobId", job.jobId())
                .put("executionStartTime", job.createdAt().toString());
        job.items().forEach(item -> event.withArray("outcomes").addObject().put("itemId", item.id()));
        String line = line(ITEM_SUCCEEDED, event);
        return write(List.of(line, line));
    }

    /** ApiFunction: a POST of a new batch, then a GET of a finished job of the same size. */
    private Path apiCalls(int items) {
        ObjectNode post = httpEvent("POST", "/v1/generations");
        post.put("body", pipeline.batchJson(items, "probe-api-" + jobIds.next(), "use"));
        ObjectNode get = httpEvent("GET", "/v1/generations/" + finishedJob(items).jobId());
        return write(List.of(line("\"statusCode\":202", post), line("\"statusCode\":200", get)));
    }

    private JobRecord finishedJob(int items) {
        return pipeline.run(pipeline.batch(items, "probe-" + jobIds.next(), "use")).record();
    }

    /** An HTTP API (payload format 2.0) event, with the fields ApiHandler reads. */
    private ObjectNode httpEvent(String method, String path) {
        ObjectNode event = mapper.createObjectNode()
                .put("version", "2.0")
                .put("routeKey", method + " " + path)
                .put("rawPath", path)
                .put("isBase64Encoded", false);
        event.putObject("headers").put("content-type", "application/json");
        event.putObject("requestContext").putObject("http").put("method", method).put("path", path);
        return event;
    }

    private static String line(String expected, ObjectNode event) {
        return expected + "\t" + event;
    }

    private Path write(List<String> lines) {
        try {
            Path file = directory.resolve("events-" + (++files) + ".txt");
            Files.write(file, lines, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write probe events", e);
        }
    }
}
