package dev.omniarchitect.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omniarchitect.json.Json;
import dev.omniarchitect.local.dynamodb.EmbeddedDynamoDb;
import dev.omniarchitect.local.engine.EngineEnvironment;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Jobs of thousands of items through the local engine, each as a user runs it: {@code ./omni run} of a JSON Lines
 * document from nothing, in a data directory of its own, whose engine is stopped after it. Blueprint items
 * offline at the default concurrency; then items against a loopback provider with a latency per call under a
 * provider limit, run at that concurrency.
 */
record FleetBench(List<Integer> sizes, int limitedItems, Duration latency, int limit, PrintWriter progress) {

    private static final List<String> KINDS = List.of("dockerfile", "kubernetes", "prometheus-rules");
    private static final Duration RUN_LIMIT = Duration.ofMinutes(30);
    private static final Pattern SUCCEEDED = Pattern.compile("(\\d+) items: (\\d+) succeeded");
    private static final Pattern FILES = Pattern.compile("(\\d+) files written");
    private static final Pattern TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)");

    FleetFigure measure(Path work) {
        Path launcher = Path.of("omni").toAbsolutePath();
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException("no ./omni launcher in this folder: run the fleet bench from the "
                    + "repository root");
        }
        // Unmeasured: builds the client's class archive if this build has none, as a user's first run does.
        Path first = work.resolve("fleet-first-run");
        OmniProcess.run(launcher, environment(first), RUN_LIMIT, "run", "events/batch-request.json", "--out",
                first.resolve("out").toString());
        OmniProcess.run(launcher, environment(first), Duration.ofMinutes(1), "engine", "stop");
        List<FleetFigure.BlueprintRun> blueprint = new ArrayList<>();
        for (int items : sizes) {
            blueprint.add(blueprint(launcher, work, items));
        }
        return new FleetFigure(blueprint, limited(launcher, work));
    }

    private FleetFigure.BlueprintRun blueprint(Path launcher, Path work, int items) {
        Path data = work.resolve("fleet-" + items);
        Map<String, String> environment = environment(data);
        Path document = write(work.resolve("fleet-" + items + ".jsonl"), "{\"provider\": \"blueprint\"}", items,
                "fleet " + items, KINDS);
        try {
            OmniProcess.Outcome run = OmniProcess.run(launcher, environment, RUN_LIMIT, "run", document.toString(),
                    "--out", work.resolve("fleet-out-" + items).toString());
            long enginePid = enginePid(data);
            long engineRss = PeakMemory.peakRssKb(enginePid);
            long engineLive = liveHeapKb(enginePid);
            Matcher succeeded = SUCCEEDED.matcher(run.stdout());
            Matcher files = FILES.matcher(run.stdout());
            FleetFigure.BlueprintRun figure = new FleetFigure.BlueprintRun(items, run.millis(),
                    items / (run.millis() / 1000), engineLive, engineRss, run.peakRssKb(), bytesUnder(data.resolve("dynamodb"))
                            + bytesUnder(data.resolve("objects")),
                    succeeded.find() ? Integer.parseInt(succeeded.group(2)) : 0,
                    files.find() ? Integer.parseInt(files.group(1)) : 0);
            progress.printf("  %,d blueprint items: %.1f s, %.0f items/s, engine live heap %,d MB (peak RSS %,d MB), "
                    + "client peak RSS %,d MB, store %,d MB%n", items, figure.wallMs() / 1000, figure.itemsPerSecond(),
                    engineLive / 1024, engineRss / 1024, run.peakRssKb() / 1024, figure.storeBytes() / 1024 / 1024);
            return figure;
        } finally {
            OmniProcess.run(launcher, environment, Duration.ofMinutes(1), "engine", "stop");
        }
    }

    private FleetFigure.LimitedRun limited(Path launcher, Path work) {
        try (LoopbackChatServer provider = LoopbackChatServer.start(Duration.ZERO)) {
            try (EmbeddedDynamoDb answers = EmbeddedDynamoDb.inMemory();
                 BenchPipeline pipeline = BenchPipeline.on(answers.endpoint(), provider, 3)) {
                provider.answers(KindAnswers.render(pipeline));
            }
            provider.latency(latency);
            Path data = work.resolve("fleet-limited");
            Map<String, String> environment = environment(data);
            environment.put("OPENAI_BASE_URL", provider.baseUrl());
            environment.put("OPENAI_API_KEY", "sk-bench-loopback");
            environment.put("OMNI_LIMIT_OPENAI", Integer.toString(limit));
            Path document = write(work.resolve("fleet-limited.jsonl"),
                    "{\"provider\": \"openai\", \"options\": {\"cache\": \"bypass\", \"timeoutSeconds\": 600}}",
                    limitedItems, "limited", provider.kinds());
            try {
                OmniProcess.Outcome run = OmniProcess.run(launcher, environment, RUN_LIMIT, "run",
                        document.toString(), "--json", "--concurrency", Integer.toString(limit), "--out",
                        work.resolve("fleet-out-limited").toString());
                JsonNode summary = Json.mapper().readTree(run.stdout()).path("summary");
                double ideal = Math.ceil((double) limitedItems / limit) * latency.toMillis();
                FleetFigure.LimitedRun figure = new FleetFigure.LimitedRun(limitedItems, latency.toMillis(), limit,
                        summary.path("wallMs").asDouble(), ideal, summary.path("succeeded").asInt());
                progress.printf("  %,d items at %d ms, limit %d: %.1f s (%.2fx the ideal %.1f s)%n", limitedItems,
                        latency.toMillis(), limit, figure.wallMs() / 1000, figure.ratio(), ideal / 1000);
                return figure;
            } catch (IOException e) {
                throw new UncheckedIOException("./omni run --json printed no job record", e);
            } finally {
                OmniProcess.run(launcher, environment, Duration.ofMinutes(1), "engine", "stop");
            }
        }
    }

    /** A JSON Lines document: its first line, then that many items, those kinds taking turns. */
    private static Path write(Path file, String first, int items, String tag, List<String> kinds) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(first + "\n");
            for (int i = 0; i < items; i++) {
                ObjectNode item = Json.mapper().createObjectNode().put("id", "svc-" + i)
                        .put("kind", kinds.get(i % kinds.size()))
                        .put("prompt", "Service " + i + " of the " + tag + " fleet: pinned versions, health checks.");
                item.putObject("params").put("name", "svc-" + i);
                out.write(item.toString() + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the fleet bench could not write " + file, e);
        }
        return file;
    }

    /** The user's environment without engine or provider settings, with that data directory. */
    private static Map<String, String> environment(Path data) {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.keySet().removeIf(EngineEnvironment::concernsEngine);
        environment.put("OMNI_DATA_DIR", data.toString());
        environment.put("OMNI_ENGINE_IDLE_SECONDS", "600");
        // The engine's own work per item, not the installed checkers' processes (as the engine figures).
        environment.put("OMNI_TOOLS", "off");
        return environment;
    }

    private static long enginePid(Path data) {
        try {
            return Json.mapper().readTree(data.resolve("engine.json").toFile()).path("pid").asLong();
        } catch (IOException e) {
            throw new UncheckedIOException("no engine.json in " + data + " after the run", e);
        }
    }

    /**
     * The live heap of that JVM in kilobytes, as {@code jcmd GC.class_histogram} totals it (it collects first, so
     * only what is still held counts); -1 when jcmd cannot tell.
     */
    private static long liveHeapKb(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            Matcher total = TOTAL.matcher(output);
            return total.find() ? Long.parseLong(total.group(1)) / 1024 : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static long bytesUnder(Path directory) {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
