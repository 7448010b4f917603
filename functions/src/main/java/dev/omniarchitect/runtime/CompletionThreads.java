package dev.omniarchitect.runtime;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that complete provider calls, so the work chained onto an answer never runs on the Netty
 * event loop. Bounded: a few threads and a bounded queue; when that fills, the completing thread does
 * the work itself rather than dropping it.
 */
public final class CompletionThreads {

    private static final int THREADS = 4;
    private static final int QUEUE = 10_000;

    private CompletionThreads() {
    }

    /** A new pool of daemon threads named {@code omni-completion-N}. */
    public static ThreadPoolExecutor create() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), runnable -> {
                    Thread thread = new Thread(runnable, "omni-completion-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
