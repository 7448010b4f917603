package dev.omniarchitect.local.engine;

/** A counter that moves whenever an item or an execution ends, for clients waiting on their job's progress. */
final class JobChanges {

    private long version;

    synchronized void changed() {
        version++;
        notifyAll();
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
