package dev.omniarchitect.local.engine;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import dev.omniarchitect.json.Json;
import dev.omniarchitect.local.api.LocalApiServer;
import dev.omniarchitect.local.api.RequestGuard;
import dev.omniarchitect.local.runtime.EngineRecovery;
import dev.omniarchitect.local.runtime.LocalPipeline;
import dev.omniarchitect.local.tools.InstalledTools;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The local engine: the one process that owns a data directory. It holds the directory's lock for its
 * whole life, runs DynamoDB Local over the store, the pipeline and the HTTP API (the public routes and the
 * command line's own under {@code /engine/v1/}), and says where it listens in the discovery file.
 * {@link #start} and {@link #close} are the two points where it begins and ends taking work.
 */
public final class Engine implements AutoCloseable {

    /** How long a starting engine waits for the one before it to let go of the data directory. */
    private static final Duration OWNER_WAIT = Duration.ofSeconds(90);
    /** How long a stopping engine waits for its warm-up to close its own pipeline. */
    private static final Duration WARM_UP_STOP = Duration.ofSeconds(20);

    private final EngineSettings settings;
    private final FileChannel ownerChannel;
    private final FileLock ownerLock;
    private final PrintStream logs;
    private final LocalPipeline pipeline;
    private final LocalApiServer server;
    private final EngineInfo info;
    private final JobChanges changes = new JobChanges();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger requestsInFlight = new AtomicInteger();
    private final AtomicLong lastActivity = new AtomicLong(System.nanoTime());
    private final ScheduledExecutorService idleClock;
    private final Instant startedAt = Instant.now();
    private final CompletableFuture<List<String>> resumed = new CompletableFuture<>();
    /** Attempts at the scan for unfinished jobs before they are left for the next start. */
    private static final int RESUME_ATTEMPTS = 3;
    private volatile Thread warmUp;
    /** The longest the warm-up waits for the functions' priming before it goes on to its batches. */
    private static final Duration PRIMING_BOUND = Duration.ofSeconds(5);

    private Engine(EngineSettings settings, FileChannel ownerChannel, FileLock ownerLock, PrintStream logs) {
        this.settings = settings;
        this.ownerChannel = ownerChannel;
        this.ownerLock = ownerLock;
        this.logs = logs;
        DataDirectory directory = settings.dataDirectory();
        try {
            this.pipeline = LocalPipeline.builder()
                    .environment(settings.environment())
                    .dataDirectory(directory.root())
                    .logOutput(logs)
                    .maxConcurrency(settings.concurrency())
                    .externalChecks(InstalledTools.fromEnvironment(settings.environment()))
                    .progress(changes::itemDone)
                    .leasesInMemory()
                    .requestsInMemory()
                    .build();
        } catch (RuntimeException e) {
            logs.close();
            throw e;
        }
        String token = settings.environment().get(RequestGuard.TOKEN_VARIABLE);
        try {
            directory.restrictStore();
            this.server = LocalApiServer.start(pipeline.functions(), pipeline.services().mapper(), settings.bind(),
                    settings.port(), RequestGuard.fromEnvironment(settings.bind(), settings.environment()));
        } catch (IOException | RuntimeException e) {
            pipeline.close();
            logs.close();
            throw new EngineException("the engine could not start: " + e.getMessage(), e);
        }
        server.filter(new ActivityFilter());
        server.route(EngineRoutes.PREFIX, new EngineRoutes(this, token == null || token.isBlank() ? null : token));
        server.uploads(pipeline.services().jobFiles());
        ProcessHandle self = ProcessHandle.current();
        this.info = new EngineInfo(self.pid(), self.info().startInstant().orElse(null), server.uri().getPort(),
                BuildId.current(), EngineEnvironment.fingerprint(settings.environment()), settings.mode(),
                token == null || token.isBlank() ? null : token);
        this.idleClock = settings.idleTimeout() == null ? null : Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "omni-engine-idle");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Takes the data directory (waiting for an engine that is still letting go of it), starts the store,
     * the pipeline and the API, then publishes the discovery file: from then on clients use this engine.
     */
    public static Engine start(EngineSettings settings) {
        DataDirectory directory = settings.dataDirectory();
        FileChannel channel = null;
        try {
            directory.prepare();
            DataDirectory.createPrivateFile(directory.ownerLock());
            channel = FileChannel.open(directory.ownerLock(), StandardOpenOption.WRITE);
            FileLock lock = awaitOwnership(channel, directory);
            PrintStream logs = new PrintStream(DataDirectory.appendPrivate(directory.functionsLog()), true,
                    StandardCharsets.UTF_8);
            Engine engine;
            try {
                engine = new Engine(settings, channel, lock, logs);
            } catch (RuntimeException e) {
                lock.release();
                throw e;
            }
            engine.publish();
            return engine;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new EngineException("cannot use the data directory " + directory + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static FileLock awaitOwnership(FileChannel channel, DataDirectory directory) throws IOException {
        long deadline = System.nanoTime() + OWNER_WAIT.toNanos();
        while (true) {
            try {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return lock;
                }
            } catch (OverlappingFileLockException sameProcess) {
                // Another engine of this JVM owns it (tests): wait like any other.
            }
            if (System.nanoTime() > deadline) {
                throw new EngineException("another engine still owns " + directory + " after " + OWNER_WAIT.toSeconds()
                        + " s; stop it with: omni engine stop --data-dir " + directory);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineException("interrupted while waiting for " + directory, e);
            }
        }
    }

    private void publish() throws IOException {
        info.write(settings.dataDirectory().discoveryFile());
        resumeInBackground();
        if (EngineWarmUp.wanted(settings.environment())) {
            warmUp = EngineWarmUp.start(settings.environment(), () -> pipeline.prime(PRIMING_BOUND),
                    pipeline.firstProviderCall(), () -> requestsInFlight.get() == 0
                    && pipeline.runningExecutions() == 0);
        }
        if (idleClock != null) {
            long period = Math.max(100, Math.min(5_000, settings.idleTimeout().toMillis() / 4));
            idleClock.scheduleAtFixedRate(this::stopIfIdle, period, period, TimeUnit.MILLISECONDS);
        }
    }

    private void stopIfIdle() {
        boolean busy = requestsInFlight.get() > 0 || pipeline.runningExecutions() > 0;
        if (busy) {
            lastActivity.set(System.nanoTime());
        } else if (System.nanoTime() - lastActivity.get() >= settings.idleTimeout().toNanos()) {
            log("engine.idle", "idleSeconds", settings.idleTimeout().toSeconds());
            requestStop();
        }
    }

    /**
     * Its JIT warm-up: {@code off} (OMNI_ENGINE_WARMUP=0), {@code pending} (waiting for a quiet moment or
     * running its batches) or {@code done} (ended, or given up on a busy engine).
     */
    public String warmUpState() {
        Thread warming = warmUp;
        return warming == null ? "off" : warming.isAlive() ? "pending" : "done";
    }

    /**
     * The jobs an earlier engine left unfinished, resumed once this one answers: the scan for them reads an entry
     * per job ever kept, and a client waits for none of it. Jobs taken since the start are never among them
     * ({@link EngineRecovery#resumeAll}). Completes with none when the scan failed (logged): those jobs resume at
     * the next start.
     */
    public CompletableFuture<List<String>> resumed() {
        return resumed;
    }

    private void resumeInBackground() {
        Thread thread = new Thread(() -> {
            for (int attempt = 1; attempt <= RESUME_ATTEMPTS && !closed.get(); attempt++) {
                try {
                    resumed.complete(pipeline.recovery().resumeAll(startedAt));
                    return;
                } catch (RuntimeException e) {
                    log("engine.resume_failed", "reason", e.getClass().getSimpleName());
                }
                try {
                    Thread.sleep(1_000L * attempt);
                } catch (InterruptedException e) {
                    break;
                }
            }
            resumed.complete(List.of());
        }, "omni-engine-resume");
        thread.setDaemon(true);
        thread.start();
    }

    /** Where the API listens. */
    public URI uri() {
        return server.uri();
    }

    /** What the discovery file says about this engine. */
    public EngineInfo info() {
        return info;
    }

    LocalPipeline pipeline() {
        return pipeline;
    }

    JobChanges changes() {
        return changes;
    }

    EngineSettings settings() {
        return settings;
    }

    Instant startedAt() {
        return startedAt;
    }

    /** Seconds since the last request or running job; 0 while busy. */
    long idleSeconds() {
        return requestsInFlight.get() > 0 || pipeline.runningExecutions() > 0 ? 0
                : TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - lastActivity.get());
    }

    /** Asks the engine to stop; {@link #awaitStopRequest} returns. */
    public void requestStop() {
        stopRequested.countDown();
    }

    /** Waits until something asks the engine to stop (omni engine stop, the idle clock, a signal). */
    public void awaitStopRequest() throws InterruptedException {
        stopRequested.await();
    }

    /**
     * Stops taking work and lets go of the data directory: the discovery file goes first (clients start
     * looking for another engine), then the drain (new jobs refused with 503, calls in flight get
     * {@link EngineRecovery#DRAIN_BOUND} to end and record, the rest resumes at the next start) while the
     * API still answers, then the API and the store close and the lock is released for the next engine.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // An interrupt (a test's, or a host's) must not cut the drain or the store's stop short: it is restored
        // once everything is closed.
        boolean interrupted = Thread.interrupted();
        try {
            closeAll();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void closeAll() {
        requestStop();
        if (idleClock != null) {
            idleClock.shutdownNow();
        }
        Thread warming = warmUp;
        if (warming != null) {
            // Its pipeline has a DynamoDB Local of its own, whose threads would outlive a foreground engine.
            warming.interrupt();
            try {
                warming.join(WARM_UP_STOP.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            if (EngineInfo.read(settings.dataDirectory().discoveryFile()).filter(found -> found.pid() == info.pid()
                    && found.port() == info.port()).isPresent()) {
                Files.deleteIfExists(settings.dataDirectory().discoveryFile());
            }
        } catch (IOException e) {
            log("engine.discoveryNotRemoved", "reason", e.getMessage());
        }
        try {
            pipeline.recovery().drain(EngineRecovery.DRAIN_BOUND);
        } finally {
            server.close();
        }
        try {
            pipeline.close();
        } finally {
            log("engine.stopped", "pid", info.pid());
            logs.close();
            try {
                ownerLock.release();
            } catch (IOException e) {
                // The channel's close below releases it as well.
            }
            closeQuietly(ownerChannel);
        }
    }

    private void log(String event, String field, Object value) {
        logs.println(Json.mapper().createObjectNode().put("time", Instant.now().toString()).put("event", event)
                .put(field, String.valueOf(value)));
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Nothing more to release.
            }
        }
    }

    /** Keeps the idle clock at zero while a request is being answered. */
    private final class ActivityFilter extends Filter {
        @Override
        public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
            requestsInFlight.incrementAndGet();
            lastActivity.set(System.nanoTime());
            try {
                chain.doFilter(exchange);
            } finally {
                lastActivity.set(System.nanoTime());
                requestsInFlight.decrementAndGet();
            }
        }

        @Override
        public String description() {
            return "the engine's idle clock";
        }
    }
}
