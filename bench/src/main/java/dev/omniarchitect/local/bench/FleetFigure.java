package dev.omniarchitect.local.bench;

import java.util.List;

/**
 * Large jobs through the local engine as a user runs them ({@code ./omni run} from nothing, a fresh data
 * directory each).
 *
 * @param blueprint  blueprint items, offline, at the default concurrency: one run per size
 * @param limited    items against a loopback provider with a fixed latency and a provider limit
 */
public record FleetFigure(List<BlueprintRun> blueprint, LimitedRun limited) {

    public FleetFigure {
        blueprint = List.copyOf(blueprint);
    }

    /**
     * One blueprint job.
     *
     * @param items            its items
     * @param wallMs           the whole {@code ./omni run}, engine start included
     * @param itemsPerSecond   items over that wall time
     * @param engineLiveKb     the engine's live heap when the run ended (after a full collection: what it still
     *                         holds, its caches of the job included)
     * @param engineRssKb      the engine's peak resident set (VmHWM) when the run ended: its heap as the
     *                         collector sized it, up to the engine's -Xmx, and DynamoDB Local's native memory
     * @param clientRssKb      the client's peak resident set, sampled every 100 ms (a JVM without a heap cap,
     *                         which grows its heap rather than collect)
     * @param storeBytes       the data directory's DynamoDB Local files and job files after the run
     * @param succeeded        items the run reported succeeded
     * @param files            files it wrote
     */
    public record BlueprintRun(int items, double wallMs, double itemsPerSecond, long engineLiveKb, long engineRssKb,
                               long clientRssKb, long storeBytes, int succeeded, int files) {
    }

    /**
     * One job against a slow provider under its limit.
     *
     * @param items      its items
     * @param latencyMs  the provider's time per call
     * @param limit      the provider limit (OMNI_LIMIT_OPENAI) and the run's --concurrency
     * @param wallMs     the job's own wall time (its summary's), from its submission to its aggregation
     * @param idealMs    ceil(items / limit) x latency
     * @param succeeded  items the job reported succeeded
     */
    public record LimitedRun(int items, long latencyMs, int limit, double wallMs, double idealMs, int succeeded) {

        public double ratio() {
            return wallMs / idealMs;
        }
    }
}
