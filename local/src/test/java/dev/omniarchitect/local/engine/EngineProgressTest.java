package dev.omniarchitect.local.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omniarchitect.json.Json;
import dev.omniarchitect.testing.LoopbackOpenAiServer;
import dev.omniarchitect.testing.LoopbackOpenAiServer.Reply;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code omni run} follows a job on the engine: while the job runs, a poll answers the engine's counts of
 * ended items (no record); once it has ended, the record, with every item.
 */
class EngineProgressTest {

    @TempDir
    Path temp;

    @Test
    void aRunningJobIsFollowedByCountsAndItsEndByTheWholeRecord() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        try (LoopbackOpenAiServer provider = LoopbackOpenAiServer.start()) {
            // The first item is answered at once; the others wait until the test has seen the job mid-flight.
            provider.replies(request -> {
                if (calls.incrementAndGet() > 1) {
                    try {
                        release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return Reply.answer(LoopbackOpenAiServer.defaultAnswer(request));
            });
            Map<String, String> environment = Map.of("OMNI_DEFAULT_PROVIDER", "openai",
                    "OPENAI_BASE_URL", provider.baseUrl(), "OPENAI_API_KEY", "sk-loopback-progress-0123456789",
                    "OMNI_ENGINE_WARMUP", "0");
            try (Engine engine = Engine.start(new EngineSettings(new DataDirectory(temp.resolve("data")), environment,
                    InetAddress.getLoopbackAddress(), 0, 3, null, EngineInfo.FOREGROUND))) {
                EngineClient client = new EngineClient(engine.info());
                ObjectNode run = Json.mapper().createObjectNode().put("document", EngineApi.batch("progress", 4, null))
                        .put("cache", "BYPASS");
                EngineClient.Answer accepted = client.run(run);
                assertEquals(202, accepted.status(), accepted.body().toString());
                String jobId = accepted.body().path("jobId").asText();

                long seen = -1;
                JsonNode running = null;
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (running == null) {
                    assertTrue(System.nanoTime() < deadline, "the first item never ended");
                    JsonNode body = client.job(jobId, seen, Duration.ofSeconds(2), Duration.ZERO).body();
                    seen = body.path("version").asLong();
                    if (body.path("progress").path("done").asInt() == 1) {
                        running = body;
                    }
                }
                assertEquals("RUNNING", running.path("execution").path("status").asText(), running.toString());
                assertTrue(running.path("record").isMissingNode(), "no record while it runs: " + running);
                assertEquals(0, running.path("progress").path("failed").asInt());
                assertEquals(0, running.path("progress").path("cached").asInt());

                release.countDown();
                // A poll that may settle for longer than the rest of the job takes answers once, at its end, not
                // at each of the three items that end meanwhile.
                JsonNode ended = client.job(jobId, seen, Duration.ofSeconds(2), Duration.ofSeconds(60)).body();
                assertTrue(ended.path("record").isObject(), "one answer, at the end: " + ended);
                assertEquals("SUCCEEDED", ended.path("execution").path("status").asText(), ended.toString());
                assertEquals("SUCCEEDED", ended.path("record").path("status").asText());
                assertEquals(4, ended.path("record").path("items").size());
            } finally {
                release.countDown();
            }
        }
    }
}
