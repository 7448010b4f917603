package dev.omniarchitect.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Route templates as API Gateway matches them, and request paths as the API splits them. */
class RouteKeyTest {

    private static List<String> segments(String path) {
        return new ApiRequest("GET", path, Map.of(), Map.of(), null).segments();
    }

    @Test
    void parametersMatchOneSegmentAndAGreedyLastOneTheRest() {
        RouteKey file = RouteKey.parse("GET /v1/generations/{jobId}/files/{itemId}/{path+}");
        assertEquals(Map.of("jobId", "j", "itemId", "ci", "path", ".github/workflows/ci.yml"),
                file.match(segments("/v1/generations/j/files/ci/.github/workflows/ci.yml")).orElseThrow());
        assertTrue(file.match(segments("/v1/generations/j/files/ci")).isEmpty(), "the greedy part needs a segment");
        RouteKey job = RouteKey.parse("GET /v1/generations/{jobId}");
        assertEquals(Map.of("jobId", "20261126-175432-3f9a1c2b"),
                job.match(segments("/v1/generations/20261126-175432-3f9a1c2b/")).orElseThrow());
        assertTrue(job.match(segments("/v1/generations/a/b")).isEmpty());
        assertTrue(job.match(segments("/v1/generation/a")).isEmpty());
        assertEquals("GET /v1/generations/{jobId}", job.toString());
    }

    @Test
    void segmentsArePercentDecodedAndAPlusStaysAPlus() {
        assertEquals(List.of("v1", "generations", "j", "files", "a b", "c+d.txt"),
                segments("/v1/generations/j/files/a%20b/c+d.txt"));
        assertEquals(List.of(), segments("/"));
    }

    @Test
    void fileLinksEncodeWhatDecodingGivesBack() {
        String url = JobRecordJson.fileUrl("20261126-175432-3f9a1c2b", "web", "conf/my app+v2.yaml");
        assertEquals("/v1/generations/20261126-175432-3f9a1c2b/files/web/conf/my%20app%2Bv2.yaml", url);
        assertEquals(Map.of("jobId", "20261126-175432-3f9a1c2b", "itemId", "web", "path", "conf/my app+v2.yaml"),
                GenerationsApi.FILE.match(segments(url)).orElseThrow());
    }
}
