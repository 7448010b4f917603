package dev.omniarchitect.local.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What one bench run measures and where it writes.
 *
 * @param sizes            batch sizes of the fan-out and cache-hit figures
 * @param runs             measured runs per figure; the report quotes their median
 * @param warmups          unmeasured runs before them, so the JIT and DynamoDB Local are warm
 * @param latency          the loopback provider's fixed latency per call
 * @param maxConcurrency   the Map state's MaxConcurrency, as deployed
 * @param jvms             fresh JVMs per cold-start figure
 * @param footprintItems   items of the batch whose peak memory is measured
 * @param costItems        items the cost is quoted for, in jobs of the largest batch size
 * @param sample           a batch document whose items are the "typical item" of the cost figures
 * @param template         the SAM template whose MemorySize values the cost uses
 * @param functionsTarget  functions/target: the functions jar and its runtime classpath
 * @param quick            a check of the command rather than figures to quote: cold-start classes are
 *                         counted in a timed JVM instead of a warm-up JVM of their own
 */
public record BenchSettings(
        List<Integer> sizes,
        int runs,
        int warmups,
        Duration latency,
        int maxConcurrency,
        int jvms,
        int footprintItems,
        int costItems,
        Path sample,
        Path template,
        Path functionsTarget,
        boolean quick) {

    public BenchSettings {
        sizes = List.copyOf(sizes);
    }

    /** The largest batch size measured. */
    public int largestSize() {
        return sizes.stream().mapToInt(Integer::intValue).max().orElse(0);
    }
}
