package dev.omniarchitect.job;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the job store holds of a job's items at one read: the results of the items that ended, and when each
 * item whose provider call has begun, without a result yet, started.
 *
 * @param results  the ended items' results, in no particular order
 * @param calling  item id to its start, for the items calling their provider now
 */
public record ItemsSoFar(List<ItemResult> results, Map<String, Instant> calling) {

    public ItemsSoFar {
        results = List.copyOf(results);
        calling = Map.copyOf(calling);
    }
}
