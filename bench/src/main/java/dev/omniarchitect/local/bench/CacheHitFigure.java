package dev.omniarchitect.local.bench;

import java.util.List;

/**
 * A batch whose every item is in the cache.
 *
 * @param items         batch size N
 * @param wallsMs       every measured run, submit to job record in hand
 * @param medianWallMs  their median
 * @param readP50Ms     one cache read (GetItem on DynamoDB Local, decompression, JSON), median
 * @param readP99Ms     the same, 99th percentile
 * @param reads         cache reads measured
 * @param itemP50Ms     a cached item inside the pipeline (its request read, its cache read), median
 * @param itemP99Ms     the same, 99th percentile
 */
public record CacheHitFigure(int items, List<Double> wallsMs, double medianWallMs, double readP50Ms,
                             double readP99Ms, int reads, double itemP50Ms, double itemP99Ms) {

    /** Target: this many cached items through the whole pipeline within {@link #TARGET_WALL_MS}. */
    public static final int TARGET_ITEMS = 100;
    public static final double TARGET_WALL_MS = 1000;
    /** Target: the median cache read within this. */
    public static final double TARGET_READ_P50_MS = 5;

    public CacheHitFigure {
        wallsMs = List.copyOf(wallsMs);
    }

    /** Whether the read target holds, and for a batch of {@link #TARGET_ITEMS} the wall-time target too. */
    public boolean meetsTarget() {
        return readP50Ms < TARGET_READ_P50_MS && (items < TARGET_ITEMS || medianWallMs < TARGET_WALL_MS);
    }
}
