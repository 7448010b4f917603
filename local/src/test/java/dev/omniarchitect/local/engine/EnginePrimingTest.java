package dev.omniarchitect.local.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An idle engine primes every function as SnapStart would, and the priming leaves nothing in the store. */
class EnginePrimingTest {

    @TempDir
    Path temp;

    @Test
    void anIdleEnginePrimesEachFunctionAndStoresNothing() throws IOException {
        DataDirectory directory = new DataDirectory(temp.resolve("data"));
        try (Engine engine = Engine.start(new EngineSettings(directory, Map.of(), InetAddress.getLoopbackAddress(), 0,
                3, null, EngineInfo.FOREGROUND))) {
            // The priming runs once the engine has been idle a moment, before the warm-up's batches.
            List<JsonNode> primed = List.of();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (primed.size() < 3 && System.nanoTime() < deadline) {
                sleep(100);
                primed = Files.readAllLines(directory.functionsLog()).stream()
                        .filter(line -> line.contains("\"priming.done\"")).map(EnginePrimingTest::json).toList();
            }
            Set<String> functions = new TreeSet<>();
            for (JsonNode done : primed) {
                functions.add(done.path("function").asText());
                assertEquals(0, done.path("failed").asInt(), "every step ran: " + done);
            }
            assertEquals(Set.of("AggregateFunction", "ApiFunction", "ProviderCallFunction"), functions);
            assertEquals(Set.of(), EngineApi.storedJobIds(engine.pipeline()), "no job stored by the priming");
            assertEquals(0, engine.pipeline().services().aws().dynamoDb().scan(request -> request
                    .tableName(engine.pipeline().services().config().cacheTable())).join().count(),
                    "no cache entry stored by the priming");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String line) {
        try {
            return Json.mapper().readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
