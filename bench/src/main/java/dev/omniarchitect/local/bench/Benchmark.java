package dev.omniarchitect.local.bench;

import dev.omniarchitect.local.dynamodb.EmbeddedDynamoDb;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** One bench run: every figure, in an order that keeps each section's machine state its own. */
record Benchmark(BenchSettings settings, String label, PrintWriter progress) {

    static final int STEADY_BATCHES = 3;
    static final double STEADY_SPREAD = 0.10;
    static final int MAX_WARM_UP_BATCHES = 40;

    BenchResults run() {
        Instant started = Instant.now();
        double loadBefore = MachineInfo.loadAverage();
        TemplateSettings template = TemplateSettings.read(settings.template());
        InvocationDurations durations = InvocationDurations.empty();
        Path work = temporaryDirectory();
        // Taken first, so a build that replaces the jars during the run cannot mix two versions of the code.
        ProbeClasspath classpath = ProbeClasspath.resolve(settings.functionsTarget(), work);
        // One DynamoDB Local for every section: each batch has prompts and a job of its own.
        try (EmbeddedDynamoDb dynamoDb = EmbeddedDynamoDb.inMemory();
             LoopbackChatServer provider = LoopbackChatServer.start(settings.latency())) {
            URI endpoint = dynamoDb.endpoint();
            TypicalItem typical;
            KindAnswers answers;
            try (BenchPipeline pipeline = BenchPipeline.on(endpoint, provider, settings.maxConcurrency())) {
                typical = TypicalItem.measure(pipeline, settings.sample());
                answers = KindAnswers.render(pipeline);
            }
            provider.answers(answers);
            int warmUpBatches = warmUp(endpoint, provider);
            progress.println("fan-out (" + settings.sizes() + " items, " + settings.latency().toMillis() + " ms per call)");
            List<FanOutFigure> fanOut = new FanOutBench(settings, progress).measure(endpoint, provider);
            progress.println("cache hits");
            List<CacheHitFigure> cacheHits = new CacheHitBench(settings, progress).measure(endpoint, provider, durations);
            progress.println("cost");
            CostFigure cost = new CostBench(settings, template, progress).measure(endpoint, provider, durations, typical);
            try (ProbeSetup setup = new ProbeSetup(settings, template, classpath, endpoint, answers, work)) {
                progress.println("cold start (" + settings.jvms() + " fresh JVMs per figure)");
                ColdStartBench coldStart = new ColdStartBench(settings, template, progress);
                BareJvmFigure bare = coldStart.bareJvm(setup);
                List<ColdStartFigure> coldStarts = coldStart.functions(setup);
                progress.println("footprint");
                FootprintFigure footprint = new FootprintBench(settings, template, progress).measure(setup);
                progress.println("engine burst");
                EngineBurstFigure burst = new EngineBurstBench(settings, progress).measure(provider, work);
                progress.printf("done in %d s%n", Duration.between(started, Instant.now()).toSeconds());
                return new BenchResults(label, started.truncatedTo(ChronoUnit.SECONDS).toString(), GitCommit.describe(),
                        settings.quick(), MachineInfo.current(), loadBefore, MachineInfo.loadAverage(),
                        Duration.between(started, Instant.now()).toSeconds(), warmUpBatches, settings.runs(),
                        settings.warmups(),
                        settings.latency().toMillis(), settings.maxConcurrency(), settings.jvms(), typical, fanOut,
                        cacheHits, bare, coldStarts, footprint, cost, burst);
            }
        } finally {
            delete(work);
        }
    }

    /**
     * Before anything is measured, batches of the largest size with the provider answering at once, until
     * the JIT has compiled the pipeline, the SDK and DynamoDB Local: until the last {@link #STEADY_BATCHES}
     * batches took within {@link #STEADY_SPREAD} of one another, and at most {@link #MAX_WARM_UP_BATCHES}
     * batches. Compiling takes thousands of requests, and its threads would otherwise compete with the
     * first measured runs. Misses and hits take turns, so both paths warm up.
     */
    private int warmUp(URI endpoint, LoopbackChatServer provider) {
        if (settings.warmups() == 0) {
            return 0;
        }
        provider.latency(Duration.ZERO);
        List<Double> walls = new ArrayList<>();
        try (BenchPipeline pipeline = BenchPipeline.on(endpoint, provider, settings.maxConcurrency())) {
            while (walls.size() < MAX_WARM_UP_BATCHES && !steady(walls)) {
                String tag = "warm-up-" + walls.size() / 2;
                walls.add(pipeline.run(pipeline.batch(settings.largestSize(), tag, "use")).wallMs());
            }
        } finally {
            provider.latency(settings.latency());
        }
        progress.printf("warm-up: %d batches of %d, the last %s ms%n", walls.size(), settings.largestSize(),
                walls.subList(Math.max(0, walls.size() - STEADY_BATCHES), walls.size()).stream()
                        .map(wall -> Long.toString(Math.round(wall))).toList());
        return walls.size();
    }

    /** Whether the last batches of each kind (misses, hits) took about the same time. */
    private static boolean steady(List<Double> walls) {
        if (walls.size() < 2 * STEADY_BATCHES) {
            return false;
        }
        // Even batches are misses, odd ones hits: each is compared with its own kind.
        for (int parity = 0; parity < 2; parity++) {
            int newest = (walls.size() - 1) % 2 == parity ? walls.size() - 1 : walls.size() - 2;
            List<Double> last = new ArrayList<>();
            for (int i = newest; last.size() < STEADY_BATCHES; i -= 2) {
                last.add(walls.get(i));
            }
            double min = last.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            double max = last.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            if (max > min * (1 + STEADY_SPREAD)) {
                return false;
            }
        }
        return true;
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("omni-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a working folder for the probes", e);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // A probe's leftovers in the temporary folder are not worth failing the bench for.
        }
    }
}
