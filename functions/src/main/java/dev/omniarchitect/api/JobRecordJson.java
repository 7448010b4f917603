package dev.omniarchitect.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omniarchitect.job.JobRecord;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A job record as the API sends it: every file's content inline ({@code "fileContent": "inline"}), or,
 * when that would pass Lambda's response limit, each file as a {@code url} to
 * {@code GET /v1/generations/{jobId}/files/{itemId}/{path}} with its size ({@code "fileContent": "links"}).
 */
final class JobRecordJson {

    private final Responses responses;

    JobRecordJson(Responses responses) {
        this.responses = responses;
    }

    /** The record's JSON text, inline if it fits, else with links. */
    String render(JobRecord record) {
        return render(record, (String) null);
    }

    /** As {@link #render(JobRecord)}, with the {@code statusUrl} to poll when the job has not ended. */
    String render(JobRecord record, String statusUrl) {
        return renderWith(record, tree -> {
            if (statusUrl != null) {
                tree.put("statusUrl", statusUrl);
            }
        });
    }

    /** A record read as one page of its job's items (see {@link ItemPage}), with where it is and the next link. */
    String render(JobRecord record, ItemPage page) {
        return renderWith(record, tree -> page.describe(tree, record));
    }

    private String renderWith(JobRecord record, Consumer<ObjectNode> more) {
        ObjectMapper mapper = responses.mapper();
        ObjectNode tree = mapper.valueToTree(record);
        more.accept(tree);
        tree.put("fileContent", "inline");
        String inline = responses.write(tree);
        if (ResponseLimit.fitsAsText(inline)) {
            return inline;
        }
        tree.put("fileContent", "links");
        for (JsonNode item : tree.path("items")) {
            String itemId = item.path("id").asText();
            for (JsonNode file : item.path("files")) {
                ObjectNode link = (ObjectNode) file;
                String content = link.remove("content").asText();
                link.put("bytes", content.getBytes(StandardCharsets.UTF_8).length);
                link.put("url", fileUrl(record.jobId(), itemId, link.path("path").asText()));
            }
        }
        return responses.write(tree);
    }

    /** Where one file of a job is served. */
    static String fileUrl(String jobId, String itemId, String path) {
        return "/v1/generations/" + jobId + "/files/" + itemId + "/" + Arrays.stream(path.split("/"))
                .map(segment -> URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("/"));
    }
}
