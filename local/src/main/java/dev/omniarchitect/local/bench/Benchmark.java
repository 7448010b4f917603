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
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** One bench run: every figure, in an order that keeps each section's machine state its own. */
record Benchmark(BenchSettings settings, String label, PrintWriter progress) {

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
            warmUp(endpoint, provider);
            progress.println("fan-out (" + settings.sizes() + " items, " + settings.latency().toMillis() + " ms per call)");
            List<FanOutFigure> fanOut = new FanOutBench(settings, progress).measure(endpoint, provider, durations);
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
                progress.printf("done in %d s%n", Duration.between(started, Instant.now()).toSeconds());
                return new BenchResults(label, started.truncatedTo(ChronoUnit.SECONDS).toString(), GitCommit.describe(),
                        settings.quick(), MachineInfo.current(), loadBefore, MachineInfo.loadAverage(),
                        Duration.between(started, Instant.now()).toSeconds(), settings.runs(), settings.warmups(),
                        settings.latency().toMillis(), settings.maxConcurrency(), settings.jvms(), typical, fanOut,
                        cacheHits, bare, coldStarts, footprint, cost);
            }
        } finally {
            delete(work);
        }
    }

    /**
     * Before anything is measured, batches of the largest size with the provider answering at once,
     * misses then hits, so the JIT has compiled the pipeline, the SDK and DynamoDB Local and is done
     * compiling (its threads would otherwise compete with the first measured runs).
     */
    private void warmUp(URI endpoint, LoopbackChatServer provider) {
        progress.println("warm-up (" + settings.warmups() * 4 + " batches of " + settings.largestSize() + ")");
        provider.latency(Duration.ZERO);
        try (BenchPipeline pipeline = BenchPipeline.on(endpoint, provider, settings.maxConcurrency())) {
            for (int round = 0; round < settings.warmups() * 4; round++) {
                pipeline.run(pipeline.batch(settings.largestSize(), "warm-up-" + round / 2, "use"));
            }
        } finally {
            provider.latency(settings.latency());
        }
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
