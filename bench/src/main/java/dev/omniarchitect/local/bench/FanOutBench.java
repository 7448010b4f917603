package dev.omniarchitect.local.bench;

import dev.omniarchitect.batch.BatchDocument;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fan-out efficiency: batches of each size with the cache bypassed, every call taking the loopback
 * latency, through the whole local pipeline. Sizes take turns within a round, so a slow moment of the
 * machine spreads over every size instead of spoiling one.
 */
record FanOutBench(BenchSettings settings, PrintWriter progress) {

    List<FanOutFigure> measure(URI dynamoDb, LoopbackChatServer provider) {
        provider.latency(settings.latency());
        Map<Integer, Samples> walls = new LinkedHashMap<>();
        Map<Integer, Samples> executions = new LinkedHashMap<>();
        Map<Integer, Integer> peaks = new LinkedHashMap<>();
        settings.sizes().forEach(size -> {
            walls.put(size, new Samples());
            executions.put(size, new Samples());
        });
        try (BenchPipeline pipeline = BenchPipeline.on(dynamoDb, provider, settings.maxConcurrency())) {
            for (int round = 0; round < settings.warmups() + settings.runs(); round++) {
                boolean measured = round >= settings.warmups();
                for (int size : settings.sizes()) {
                    BatchDocument batch = pipeline.batch(size, "fanout-" + round, "bypass");
                    provider.resetCounts();
                    BenchPipeline.BatchRun run = pipeline.run(batch);
                    if (measured) {
                        walls.get(size).add(run.wallMs());
                        executions.get(size).add(run.executionMs());
                        peaks.merge(size, provider.peakInFlight(), Math::max);
                    }
                    progress.printf("  fan-out %s N=%d: %.0f ms%n", measured ? "run" : "warm-up", size, run.wallMs());
                }
            }
        }
        List<FanOutFigure> figures = new ArrayList<>();
        long latencyMs = settings.latency().toMillis();
        for (int size : settings.sizes()) {
            figures.add(FanOutFigure.of(size, latencyMs, settings.maxConcurrency(), walls.get(size),
                    executions.get(size).median(), peaks.get(size)));
        }
        return figures;
    }
}
