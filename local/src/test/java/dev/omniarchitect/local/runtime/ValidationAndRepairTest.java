package dev.omniarchitect.local.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.job.ItemResult;
import dev.omniarchitect.job.ItemStatus;
import dev.omniarchitect.job.JobRecord;
import dev.omniarchitect.job.JobStatus;
import dev.omniarchitect.json.Json;
import dev.omniarchitect.testing.LoopbackOpenAiServer;
import dev.omniarchitect.testing.LoopbackOpenAiServer.Reply;
import dev.omniarchitect.validation.Finding;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Every generated file is validated; an AI answer with errors gets one repair round; reviews merge findings. */
class ValidationAndRepairTest extends PipelineTestBase {

    static final String VALID_DOCKERFILE = """
            FROM eclipse-temurin:21.0.5_11-jre
            WORKDIR /app
            COPY app.jar /app/app.jar
            USER 10001:10001
            EXPOSE 8080
            HEALTHCHECK --interval=30s CMD wget -qO- http://localhost:8080/health || exit 1
            ENTRYPOINT ["java", "-jar", "/app/app.jar"]
            """;
    static final String ROOT_LATEST_SECRET = """
            FROM eclipse-temurin:latest
            ENV DB_PASSWORD=hunter2
            COPY app.jar /app/app.jar
            ENTRYPOINT ["java", "-jar", "/app/app.jar"]
            """;
    private static final String ONE_DOCKERFILE = """
            {"provider": "openai", "options": {"cache": "use"%s},
             "items": [{"id": "api", "kind": "dockerfile", "prompt": "a Dockerfile for the api"}]}""";

    private static Reply dockerfile(String content) {
        return Reply.answer("```dockerfile path=Dockerfile\n" + content + "```\n");
    }

    @Test
    void anInvalidAnswerIsRepairedOnceAndTheRepairIsKept() {
        AtomicInteger calls = new AtomicInteger();
        server.replies(request -> calls.incrementAndGet() == 1 ? dockerfile(ROOT_LATEST_SECRET)
                : dockerfile(VALID_DOCKERFILE));

        JobRecord record = run(ONE_DOCKERFILE.formatted(""));

        ItemResult item = item(record, "api");
        assertEquals(ItemStatus.SUCCEEDED, item.status(), String.valueOf(item.validation()));
        assertTrue(item.repaired());
        assertTrue(item.validation().ok());
        assertEquals(VALID_DOCKERFILE, item.files().get(0).content());
        assertEquals(2, server.calls());
        assertEquals(240, item.usage().inputTokens(), "both calls' usage counts");
        assertEquals(2, item.attempts().size());
        String repairMessage = LoopbackOpenAiServer.userMessage(server.received().get(1).body());
        assertTrue(repairMessage.contains("FROM eclipse-temurin:latest"), "the repair round sends the file back");
        assertTrue(repairMessage.contains("dockerfile/"), "and the findings: " + repairMessage);
    }

    @Test
    void aRepairThatIsStillInvalidEndsINVALIDWithTheBetterAnswersFindings() {
        AtomicInteger calls = new AtomicInteger();
        String stillRoot = VALID_DOCKERFILE.replace("USER 10001:10001\n", "");
        server.replies(request -> calls.incrementAndGet() == 1 ? dockerfile(ROOT_LATEST_SECRET) : dockerfile(stillRoot));

        JobRecord record = run(ONE_DOCKERFILE.formatted(""));

        ItemResult item = item(record, "api");
        assertEquals(ItemStatus.INVALID, item.status());
        assertEquals(JobStatus.PARTIAL, record.status(), "invalid files are returned, so the job is not FAILED");
        assertEquals(1, record.summary().invalid());
        assertEquals(stillRoot, item.files().get(0).content(), "the repair had fewer errors, so it is kept");
        assertTrue(item.repaired());
        assertFalse(item.validation().ok());
        assertTrue(item.validation().errorCount() >= 1);
        assertTrue(item.validation().findings().stream().allMatch(finding -> finding.rule().startsWith("dockerfile/")));
    }

    @Test
    void repairCanBeSwitchedOffAndACacheHitReturnsTheSameFindings() {
        server.replies(request -> dockerfile(ROOT_LATEST_SECRET));

        ItemResult first = item(run(ONE_DOCKERFILE.formatted(", \"repair\": false")), "api");
        ItemResult hit = item(run(ONE_DOCKERFILE.formatted(", \"repair\": false")), "api");

        assertEquals(1, server.calls(), "no repair round, and the second run is a cache hit");
        assertEquals(ItemStatus.INVALID, first.status());
        assertFalse(first.repaired());
        assertTrue(hit.cached());
        assertEquals(ItemStatus.INVALID, hit.status());
        assertEquals(first.validation(), hit.validation(), "a cache hit returns the same findings");
    }

    @Test
    void blueprintOutputIsValidatedAndNeedsNoRepair() {
        JobRecord record = run("""
                {"provider": "blueprint", "items": [
                  {"id": "d", "kind": "dockerfile", "prompt": "p"},
                  {"id": "k", "kind": "kubernetes", "prompt": "p"},
                  {"id": "t", "kind": "terraform", "prompt": "p"}]}""");
        assertEquals(JobStatus.SUCCEEDED, record.status());
        for (ItemResult item : record.items()) {
            assertNotNull(item.validation(), item.id());
            assertTrue(item.validation().ok(), item.id() + ": " + item.validation());
            assertFalse(item.repaired());
        }
        assertEquals(0, server.calls());
    }

    @Test
    void aSecurityReviewOfARootLatestSecretDockerfileFindsAllThreeWithTheirLines() throws Exception {
        JobRecord record = run(review("blueprint"));

        ItemResult item = item(record, "review");
        assertEquals(ItemStatus.SUCCEEDED, item.status());
        assertEquals("findings.json", item.files().get(0).path());
        JsonNode findings = Json.mapper().readTree(item.files().get(0).content());
        assertEquals(item.validation().findings().size(), findings.size());
        List<Finding> found = item.validation().findings();
        assertTrue(found.stream().anyMatch(f -> f.line() != null && f.line() == 1 && f.message().contains("latest")),
                "the latest base image, line 1: " + found);
        assertTrue(found.stream().anyMatch(f -> f.line() != null && f.line() == 2
                && f.message().contains("DB_PASSWORD")), "the secret in ENV, line 2: " + found);
        assertTrue(found.stream().anyMatch(f -> f.rule().contains("user") || f.message().toLowerCase().contains("root")),
                "running as root: " + found);
    }

    @Test
    void theModelsReviewFindingsAreMergedWithOursWithoutDuplicates() throws Exception {
        JobRecord ours = run(review("blueprint"));
        Finding latest = item(ours, "review").validation().findings().stream()
                .filter(f -> f.line() != null && f.line() == 1).findFirst().orElseThrow();
        String sameAsOurs = latest.rule().substring(latest.rule().lastIndexOf('/') + 1);
        server.replies(request -> Reply.answer("```json\n[{\"severity\": \"error\", \"rule\": \"" + sameAsOurs
                + "\", \"line\": 1, \"message\": \"the base image is not pinned\", \"fix\": \"pin a tag\"},"
                + " {\"severity\": \"warning\", \"rule\": \"copy-whole-context\", \"line\": 3,"
                + " \"message\": \"copies a jar built outside the image\", \"fix\": \"build in a stage\"}]\n```"));

        ItemResult merged = item(run(review("openai")), "review");

        List<Finding> findings = merged.validation().findings();
        assertEquals(1, findings.stream().filter(f -> f.line() != null && f.line() == 1
                && f.rule().endsWith(sameAsOurs)).count(), "the model's copy of our finding is dropped: " + findings);
        assertTrue(findings.stream().anyMatch(f -> f.rule().equals("review/copy-whole-context")), findings.toString());
        assertEquals(item(ours, "review").validation().findings().size() + 1, findings.size());
    }

    private static String review(String provider) {
        return "{\"provider\": \"" + provider + "\", \"items\": [{\"id\": \"review\", \"kind\": \"security-review\","
                + " \"prompt\": \"review this Dockerfile\", \"input\": "
                + Json.mapper().valueToTree(ROOT_LATEST_SECRET).toString() + "}]}";
    }
}
