package dev.omniarchitect.local.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Footprint: the jar's size, and peak memory: each function's JVM doing a batch's worth of its work
 * (sized as its MemorySize's container would size it), and one JVM running a batch through the whole
 * local pipeline as {@code omni run} does.
 */
record FootprintBench(BenchSettings settings, TemplateSettings template, PrintWriter progress) {

    /** A thread per probe JVM: there are four, each mostly waiting for its process. */
    private static final Executor PARALLEL = runnable -> new Thread(runnable, "bench-footprint").start();

    FootprintFigure measure(ProbeSetup setup) {
        int items = settings.footprintItems();
        // Peak memory does not depend on what else runs, so the JVMs run side by side; their events
        // (and the jobs they name) are made first, one after the other.
        List<CompletableFuture<FootprintFigure.FunctionFootprint>> functions = new ArrayList<>();
        for (String function : TemplateSettings.FUNCTIONS) {
            int memoryMb = template.memorySizeMb(function);
            List<String> arguments = List.of(TemplateSettings.HANDLERS.get(function), "true",
                    setup.events().forFunction(function, items).toString(), Integer.toString(memoryMb));
            functions.add(CompletableFuture.supplyAsync(() -> {
                ChildJvm.Result result = setup.functionJvm(function).run(ColdStartProbe.class, arguments);
                return new FootprintFigure.FunctionFootprint(function, memoryMb, (int) result.number("invocations"),
                        work(function, items), result.number("peakRssKb") / 1024);
            }, PARALLEL));
        }
        CompletableFuture<ChildJvm.Result> local = CompletableFuture.supplyAsync(() -> localBatch(setup, items), PARALLEL);
        List<FootprintFigure.FunctionFootprint> peaks = functions.stream().map(CompletableFuture::join).toList();
        ChildJvm.Result localRun = local.join();
        double localPeakMb = localRun.number("peakRssKb") / 1024;
        peaks.forEach(peak -> progress.printf("  footprint %s: peak RSS %.0f MB%n", peak.function(), peak.peakRssMb()));
        progress.printf("  footprint local batch of %d: peak RSS %.0f MB%n", items, localPeakMb);
        ProbeClasspath classpath = setup.classpath();
        return new FootprintFigure(classpath.functionsJarBytes(), classpath.dependencies().size(),
                classpath.deploymentBytes(), classpath.asDeployed(), peaks, items, localPeakMb,
                localRun.number("wallMs"), "none (the omni launcher's default)");
    }

    private static String work(String function, int items) {
        return switch (function) {
            case "ProviderCallFunction" -> items + " items in a row, each a cache miss";
            case "AggregateFunction" -> "a " + items + "-item job aggregated twice";
            default -> "a POST of a " + items + "-item batch, a GET of a finished " + items + "-item job";
        };
    }

    /** A JVM like the omni launcher's (its class path, no options) running the batch, DynamoDB Local inside. */
    private ChildJvm.Result localBatch(ProbeSetup setup, int items) {
        try {
            Path batch = setup.directory().resolve("local-batch.json");
            Files.writeString(batch, SyntheticBatch.of(items, "footprint-local", "use", setup.provider().kinds()),
                    StandardCharsets.UTF_8);
            ChildJvm jvm = new ChildJvm(List.of(), ProbeClasspath.absolute(System.getProperty("java.class.path")),
                    BenchPipeline.environment(setup.provider()), setup.directory());
            return jvm.run(LocalBatchProbe.class, List.of(batch.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the local batch", e);
        }
    }
}
