package dev.omniarchitect.local.bench;

import dev.omniarchitect.batch.BatchDocument;
import dev.omniarchitect.batch.BatchItem;
import dev.omniarchitect.cache.CacheKey;
import dev.omniarchitect.cache.CacheStore;
import dev.omniarchitect.job.ItemResult;
import dev.omniarchitect.kind.KindRegistry;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Cache hits: each size's batch is generated once (every item a miss, which the cost figures use),
 * then run again and again with every item answered from the cache. Then each item's cache entry is
 * read on its own, through the functions' own cache store, to time one read.
 */
record CacheHitBench(BenchSettings settings, PrintWriter progress) {

    /** The fewest cache reads behind a figure: a p99 needs a hundred. */
    static final int MIN_READS = 100;

    List<CacheHitFigure> measure(URI dynamoDb, LoopbackChatServer provider, InvocationDurations durations) {
        provider.latency(settings.latency());
        List<CacheHitFigure> figures = new ArrayList<>();
        try (BenchPipeline pipeline = BenchPipeline.on(dynamoDb, provider, settings.maxConcurrency())) {
            for (int size : settings.sizes()) {
                boolean costSize = size == settings.largestSize();
                BatchDocument batch = pipeline.batch(size, "cache-" + size, "use");
                BenchPipeline.BatchRun first = pipeline.run(batch);
                durations.missCall().addAll(first.providerCallMs());
                Samples walls = new Samples();
                Samples items = new Samples();
                for (int round = 0; round < settings.warmups() + settings.runs(); round++) {
                    BenchPipeline.BatchRun run = pipeline.run(batch);
                    if (run.record().summary().cacheHits() != size) {
                        throw new IllegalStateException("a cached batch of " + size + " had only "
                                + run.record().summary().cacheHits() + " cache hits");
                    }
                    boolean measured = round >= settings.warmups();
                    if (measured) {
                        walls.add(run.wallMs());
                        run.record().items().stream().mapToLong(ItemResult::durationMs).forEach(items::add);
                        durations.hitCall().addAll(run.providerCallMs());
                        if (costSize) {
                            durations.aggregate().addAll(run.aggregateMs());
                            durations.submit().add(run.submitMs());
                            long start = System.nanoTime();
                            pipeline.services().jobReader().read(run.record().jobId()).join();
                            durations.read().addNanos(start, System.nanoTime());
                        }
                    }
                    progress.printf("  cache hits %s N=%d: %.0f ms%n", measured ? "run" : "warm-up", size, run.wallMs());
                }
                Samples reads = readEachEntry(pipeline, batch);
                figures.add(new CacheHitFigure(size, walls.values(), walls.median(), reads.median(),
                        reads.percentile(99), reads.size(), items.median(), items.percentile(99)));
            }
        }
        return figures;
    }

    /**
     * Reads every item's entry, round after round: as many rounds as runs, and more for small batches,
     * so that each figure rests on at least {@link #MIN_READS} reads; the warm-up reads as many again
     * when there is a warm-up at all, so a small batch's reads are as warm as a large one's.
     */
    private Samples readEachEntry(BenchPipeline pipeline, BatchDocument batch) {
        CacheStore cache = pipeline.services().cache();
        KindRegistry kinds = pipeline.services().kinds();
        Samples reads = new Samples();
        int rounds = Math.max(settings.runs(), (MIN_READS + batch.items().size() - 1) / batch.items().size());
        int warmUpRounds = settings.warmups() == 0 ? 0 : Math.max(settings.warmups(), rounds);
        for (int round = 0; round < warmUpRounds + rounds; round++) {
            for (BatchItem item : batch.items()) {
                String key = CacheKey.of(item, kinds.get(item.kind()));
                long start = System.nanoTime();
                boolean hit = cache.find(key, pipeline.services().clock().instant()).join().isPresent();
                long end = System.nanoTime();
                if (!hit) {
                    throw new IllegalStateException("item " + item.id() + " is not in the cache it was just read from");
                }
                if (round >= warmUpRounds) {
                    reads.addNanos(start, end);
                }
            }
        }
        return reads;
    }
}
