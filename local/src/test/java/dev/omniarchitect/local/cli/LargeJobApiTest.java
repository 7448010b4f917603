package dev.omniarchitect.local.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.testing.LoopbackOpenAiServer;
import dev.omniarchitect.testing.LoopbackOpenAiServer.Reply;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A job whose files add up to more than Lambda's 6 MB response: the record comes with links instead of
 * inline files, each link serves its file, and the bundle comes in parts that each fit. {@code omni serve}
 * fails any response over 6 MB as Lambda would, so every 200 here is a response that fits.
 */
class LargeJobApiTest extends ServeTestBase {

    private static final int ITEMS = 80;
    private static final int NOISE_BYTES = 75_000;
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    @Test
    void theLargestDocumentedBatchIsAcceptedAndRuns() throws Exception {
        HttpResponse<String> accepted = postJson("/v1/generations", LargestBatch.text("api"));

        assertEquals(202, accepted.statusCode(), accepted.body());
        JsonNode record = awaitEnd(json(accepted).path("jobId").asText());
        assertEquals("SUCCEEDED", record.path("status").asText(), record.path("summary").toString());
        assertEquals(100, record.path("summary").path("succeeded").asInt());
    }

    @Test
    void aLargeJobsRecordLinksItsFilesAndItsBundleComesInParts() throws Exception {
        Map<String, String> contentByPrompt = new ConcurrentHashMap<>();
        provider.replies(request -> {
            String prompt = LoopbackOpenAiServer.userMessage(request);
            // Random bytes in base64: barely compressible, so the zip is as large as the files say.
            byte[] noise = new byte[NOISE_BYTES];
            new Random(prompt.hashCode()).nextBytes(noise);
            String content = Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(noise) + "\n";
            contentByPrompt.put(prompt, content);
            return Reply.answer("```yaml path=alerts.rules.yml\n" + LoopbackOpenAiServer.rules(prompt) + "```\n\n"
                    + "```text path=noise.txt\n" + content + "```\n");
        });
        String document = "{\"items\": [" + IntStream.range(0, ITEMS)
                .mapToObj(i -> "{\"id\": \"item-" + i + "\", \"kind\": \"prometheus-rules\", \"prompt\": \"large " + i + "\"}")
                .collect(Collectors.joining(",")) + "]}";

        HttpResponse<String> accepted = postJson("/v1/generations", document);
        assertEquals(202, accepted.statusCode(), accepted.body());
        JsonNode record = awaitEnd(json(accepted).path("jobId").asText());

        assertEquals("SUCCEEDED", record.path("status").asText(), record.path("summary").toString());
        assertEquals("links", record.path("fileContent").asText());
        long inlineBytes = 0;
        Map<String, String> expected = new HashMap<>();
        for (int i = 0; i < ITEMS; i++) {
            JsonNode item = record.path("items").path(i);
            assertEquals("item-" + i, item.path("id").asText());
            assertEquals(2, item.path("files").size(), item.toString());
            for (JsonNode file : item.path("files")) {
                assertFalse(file.has("content"), "no content inline in a record this large");
                String path = file.path("path").asText();
                assertEquals("/v1/generations/" + record.path("jobId").asText() + "/files/item-" + i + "/" + path,
                        file.path("url").asText());
                String content = path.equals("noise.txt") ? contentByPrompt.get("large " + i)
                        : LoopbackOpenAiServer.rules("large " + i);
                assertEquals(content.length(), file.path("bytes").asInt(), path);
                inlineBytes += file.path("bytes").asLong();
                expected.put("item-" + i + "/" + path, content);
            }
        }
        assertTrue(inlineBytes > 6_000_000, "the files inline would pass 6 MB: " + inlineBytes);

        for (int i : new int[] {0, ITEMS / 2, ITEMS - 1}) {
            for (JsonNode link : record.path("items").path(i).path("files")) {
                HttpResponse<String> file = get(link.path("url").asText());
                assertEquals(200, file.statusCode());
                assertTrue(file.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
                assertEquals(expected.get("item-" + i + "/" + link.path("path").asText()), file.body(),
                        "the link serves the file");
            }
        }

        Map<String, String> unzipped = new HashMap<>();
        Optional<String> next = Optional.of("/v1/generations/" + record.path("jobId").asText() + "/bundle");
        int parts = 0;
        String partCount = null;
        while (next.isPresent()) {
            HttpResponse<byte[]> part = getBytes(next.get());
            assertEquals(200, part.statusCode(), "part " + (parts + 1));
            assertTrue(part.body().length <= 4_500_000, "part " + (parts + 1) + " is " + part.body().length + " bytes");
            Map<String, String> entries = ServeApiTest.unzip(part.body());
            entries.keySet().forEach(name -> assertFalse(unzipped.containsKey(name), name + " in two parts"));
            unzipped.putAll(entries);
            parts++;
            partCount = part.headers().firstValue("Bundle-Parts").orElseThrow();
            next = part.headers().firstValue("Link").map(NEXT::matcher).filter(Matcher::find).map(m -> m.group(1));
        }
        assertTrue(parts >= 2, "about 6 MB of zip needs two parts: " + parts);
        assertEquals(Integer.toString(parts), partCount, "the Link headers lead through every part");
        assertEquals(expected.keySet(), unzipped.keySet());
        assertEquals(expected, unzipped, "every file, whole, across the parts");
    }
}
