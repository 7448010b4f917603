package dev.omniarchitect.local.asl;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs work on its own daemon thread so that its caller can stop waiting once a time limit passes. */
final class TimeLimit {
    private TimeLimit() {
    }

    /** Work that may report a States error or be stopped by an interrupt. */
    interface Work<T> {
        T run() throws StatesError, InterruptedException;
    }

    static <T> T run(String threadName, Duration limit, Work<T> work)
            throws StatesError, InterruptedException, TimeoutException {
        FutureTask<T> task = new FutureTask<>(work::run);
        Thread thread = new Thread(task, threadName);
        thread.setDaemon(true);
        thread.start();
        try {
            return task.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw StatesError.propagate(e);
        } finally {
            // Interrupts work that is still running: its time is up, or its caller was itself stopped.
            task.cancel(true);
        }
    }
}
