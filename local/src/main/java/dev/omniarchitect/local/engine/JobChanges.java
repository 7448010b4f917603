package dev.omniarchitect.local.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What clients waiting on their job see while it runs: a counter that moves whenever an item or an execution
 * ends, and the ended items of each running job, counted in memory so that a poll of a running job
 * needs no read of the store (only the final answer reads the job's record).
 */
final class JobChanges {

    /** Jobs whose counts are kept; past that the oldest is dropped, and its clients read the store instead. */
    private static final int KEPT_JOBS = 1_024;

    /** A running job's ended items so far. */
    record Counts(int done, int failed, int cached) {

        Counts plus(boolean itemFailed, boolean itemCached) {
            return new Counts(done + 1, failed + (itemFailed ? 1 : 0), cached + (itemCached ? 1 : 0));
        }
    }

    private long version;
    private final Map<String, Counts> counts = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Counts> eldest) {
            return size() > KEPT_JOBS;
        }
    };

    /** A client submitted that job: its polls need no read of the store even before its first item ends. */
    synchronized void submitted(String jobId) {
        counts.putIfAbsent(jobId, new Counts(0, 0, 0));
    }

    /**
     * An item of a job ended. Counted for every job (one resumed at start counts from then on; a client never
     * shows less than it has shown, and the final record has every item).
     */
    synchronized void itemDone(String jobId, boolean failed, boolean cached) {
        counts.merge(jobId, new Counts(1, failed ? 1 : 0, cached ? 1 : 0),
                (sofar, one) -> sofar.plus(failed, cached));
        changed();
    }

    /** The job's execution ended: its record says the rest. */
    synchronized void ended(String jobId) {
        counts.remove(jobId);
        changed();
    }

    private synchronized void changed() {
        version++;
        notifyAll();
    }

    /** The job's counts, when a client submitted it and it has not ended. */
    synchronized Optional<Counts> counts(String jobId) {
        return Optional.ofNullable(counts.get(jobId));
    }

    /** Waits until the counter has moved past {@code seen} or the time is up; returns the counter. */
    synchronized long awaitAfter(long seen, long waitMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + waitMillis;
        while (version <= seen) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        return version;
    }
}
