package dev.omniarchitect.local.engine;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Finds the engine that owns a data directory, and starts one in the background when none answers. A
 * crashed engine (its process gone, or not answering) and a background engine of another build or with
 * other provider settings are replaced. Clients that look at once take turns on the directory's launch
 * lock, so they start one engine between them.
 */
public final class EngineLauncher {

    /** The variable with the background engine's JVM options; its heap is bounded unless they say otherwise. */
    public static final String JAVA_OPTIONS_VARIABLE = "OMNI_ENGINE_JAVA_OPTS";
    /** The default JVM options that bound the background engine's memory. */
    public static final String DEFAULT_MEMORY_OPTIONS = "-Xmx512m -XX:+ExitOnOutOfMemoryError -XX:+UseSerialGC";
    /**
     * The default JVM options of its JIT: a young engine's jobs are quick sooner when the JIT stops at its first
     * tier (on two cores the optimising compiler took the CPU those jobs needed) and compiles early, on one
     * compiler thread: a second one, or compiling after a tenth of the usual counts, spent the CPU of the engine's
     * start, which is mostly code run once, on compiling it.
     */
    public static final String DEFAULT_JIT_OPTIONS =
            "-XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=0.5 -XX:CICompilerCount=1";
    /** The background engine's JVM options when {@link #JAVA_OPTIONS_VARIABLE} is not set. */
    public static final String DEFAULT_JAVA_OPTIONS = DEFAULT_MEMORY_OPTIONS + " " + DEFAULT_JIT_OPTIONS;

    private static final Duration START_WAIT = Duration.ofSeconds(120);
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);
    private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(10);
    /** The shell that starts an engine in the background exits at once; this bounds a stuck one. */
    private static final Duration DETACH_WAIT = Duration.ofSeconds(10);
    /** File locks belong to the process: threads of one JVM (tests) take turns on this first. */
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final DataDirectory directory;
    private final Map<String, String> environment;
    private final PrintWriter err;

    public EngineLauncher(DataDirectory directory, Map<String, String> environment, PrintWriter err) {
        this.directory = directory;
        this.environment = environment;
        this.err = err;
    }

    /** A client of the engine that owns the directory; one is started, or a stale one replaced, first. */
    public EngineClient connect() {
        return underLaunchLock(() -> {
            Optional<EngineClient> running = usable();
            if (running.isPresent()) {
                return running.get();
            }
            return start();
        });
    }

    /**
     * The engine that owns the directory, when its discovery file names a live process of this build that may
     * serve this client: found without the launch lock or a round trip, for a client that talks to it at once
     * (and calls {@link #connect()} if it does not answer). Empty when anything is off: {@link #connect()} then
     * finds out what, and starts or replaces the engine.
     */
    public Optional<EngineClient> runningNow() {
        return EngineInfo.read(directory.discoveryFile())
                .filter(info -> BuildId.current().equals(info.buildId()))
                .filter(info -> info.foreground() || EngineEnvironment.fingerprint(environment).equals(info.environment()))
                .filter(EngineInfo::processAlive)
                .map(EngineClient::new);
    }

    /** The engine that owns the directory, if one is running and answers; never starts one. */
    public Optional<EngineClient> find() {
        Optional<EngineInfo> info = EngineInfo.read(directory.discoveryFile());
        if (info.isEmpty() || !info.get().processAlive()) {
            return Optional.empty();
        }
        EngineClient client = new EngineClient(info.get());
        try {
            return client.status(STATUS_TIMEOUT).status() == 200 ? Optional.of(client) : Optional.empty();
        } catch (IOException unreachable) {
            return Optional.empty();
        }
    }

    /**
     * Runs that work holding the directory's launch lock: while it runs, no other client starts or stops
     * an engine for this directory.
     */
    public <T> T underLaunchLock(LockedWork<T> work) {
        ReentrantLock inProcess = IN_PROCESS.computeIfAbsent(directory.root(), root -> new ReentrantLock());
        inProcess.lock();
        try {
            directory.prepare();
            DataDirectory.createPrivateFile(directory.launchLock());
            try (FileChannel channel = FileChannel.open(directory.launchLock(), StandardOpenOption.WRITE);
                 FileLock lock = channel.lock()) {
                return work.run();
            }
        } catch (IOException e) {
            throw new EngineException("cannot use the data directory " + directory + ": " + e.getMessage(), e);
        } finally {
            inProcess.unlock();
        }
    }

    /** Work done under the launch lock. */
    @FunctionalInterface
    public interface LockedWork<T> {
        T run() throws IOException;
    }

    /** The running engine if it may serve this client; a stale one is stopped or its traces removed. */
    private Optional<EngineClient> usable() throws IOException {
        Optional<EngineInfo> found = EngineInfo.read(directory.discoveryFile());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        EngineInfo info = found.get();
        if (!info.processAlive()) {
            err.println("omni: the engine for " + directory + " (pid " + info.pid() + ") is gone; starting another");
            Files.deleteIfExists(directory.discoveryFile());
            return Optional.empty();
        }
        EngineClient client = new EngineClient(info);
        try {
            client.status(STATUS_TIMEOUT);
        } catch (IOException unreachable) {
            err.println("omni: the engine for " + directory + " (pid " + info.pid() + ") does not answer; replacing it");
            ProcessHandle.of(info.pid()).ifPresent(ProcessHandle::destroyForcibly);
            info.awaitEnd(STOP_WAIT);
            Files.deleteIfExists(directory.discoveryFile());
            return Optional.empty();
        }
        boolean sameBuild = BuildId.current().equals(info.buildId());
        boolean sameSettings = EngineEnvironment.fingerprint(environment).equals(info.environment());
        if (info.foreground()) {
            if (!sameBuild) {
                throw new EngineException("omni serve (pid " + info.pid() + ") owns " + directory + " and runs another "
                        + "build of omni; stop it, or use another --data-dir");
            }
            // A foreground engine is the user's own: its settings win, it is never replaced.
            return Optional.of(client);
        }
        if (sameBuild && sameSettings) {
            return Optional.of(client);
        }
        err.println("omni: replacing the engine for " + directory + " (pid " + info.pid() + "): it runs "
                + (sameBuild ? "with other provider settings" : "another build of omni"));
        stop(client, STOP_WAIT);
        return Optional.empty();
    }

    /** Asks that engine to stop and waits for its process to end; ends it forcibly if it has not by then. */
    public static boolean stop(EngineClient client, Duration wait) {
        try {
            client.stop();
        } catch (IOException unreachable) {
            ProcessHandle.of(client.engine().pid()).ifPresent(ProcessHandle::destroyForcibly);
        }
        // A zombie is no engine: init reaps orphans when it will (every 2 s on some machines, never in some
        // containers), and the engine is no child of this process.
        if (client.engine().awaitEnd(wait)) {
            return true;
        }
        ProcessHandle.of(client.engine().pid()).ifPresent(ProcessHandle::destroyForcibly);
        return client.engine().awaitEnd(Duration.ofSeconds(10));
    }

    private EngineClient start() throws IOException {
        Files.deleteIfExists(directory.discoveryFile());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String options = environment.getOrDefault(JAVA_OPTIONS_VARIABLE, DEFAULT_JAVA_OPTIONS);
        List<String> userOptions = Arrays.stream(options.trim().split("\\s+")).filter(option -> !option.isEmpty())
                .toList();
        command.addAll(userOptions);
        EngineClassArchive.Launch launch = EngineClassArchive.prepare(classpath(), directory);
        // Options that say how to share classes themselves (-Xshare:off for a profiler, an archive of their own)
        // would make the JVM refuse to start beside the engine's archive: theirs win.
        if (userOptions.stream().noneMatch(EngineClassArchive::concernsSharing)) {
            command.addAll(launch.options());
        }
        command.addAll(List.of("-cp", launch.classpath(), EngineMain.class.getName(), directory.toString(), "3"));
        err.println("omni: starting the local engine for " + directory + " (it stops after "
                + describe(EngineSettings.idleTimeout(environment)) + " without work; omni engine stop ends it)");
        err.flush();
        long pid = detach(command);
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (true) {
            Optional<EngineInfo> info = EngineInfo.read(directory.discoveryFile());
            if (info.isPresent() && info.get().pid() == pid) {
                return new EngineClient(info.get());
            }
            Optional<ProcessHandle> engine = ProcessHandle.of(pid).filter(handle -> EngineInfo.running(pid));
            if (engine.isEmpty()) {
                throw new EngineException("the local engine did not start: " + reason(engineLog())
                        + " (its log: " + engineLog() + ")");
            }
            if (System.nanoTime() > deadline) {
                engine.get().destroyForcibly();
                throw new EngineException("the local engine did not start within " + START_WAIT.toSeconds() + " s; "
                        + "its log: " + engineLog());
            }
            try {
                Thread.sleep(15);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineException("interrupted while the engine started", e);
            }
        }
    }

    /**
     * Starts the engine as a child of a shell that exits at once, and returns the engine's pid. A child of this
     * JVM would keep the JDK's reaper thread waiting in native code for it, and a JVM exits only once such
     * threads are quiet or 300 ms have passed: every client that started an engine ended 0.3 s late. A
     * background job of a non-interactive shell also ignores SIGINT, as the engine does itself.
     */
    private long detach(List<String> command) throws IOException {
        List<String> shell = new ArrayList<>(List.of("/bin/sh", "-c",
                "log=$1; shift; \"$@\" </dev/null >>\"$log\" 2>&1 & echo $!", "omni-engine-launch",
                engineLog().getAbsolutePath()));
        shell.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(shell)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.appendTo(engineLog()));
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process launch = builder.start();
        try {
            // The pid is a line, well within a pipe's buffer: the shell never waits for it to be read.
            if (!launch.waitFor(DETACH_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                launch.destroyForcibly();
                throw new EngineException("/bin/sh did not start the local engine within " + DETACH_WAIT.toSeconds()
                        + " s (its log: " + engineLog() + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while the engine started", e);
        }
        String printed = new String(launch.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        try {
            return Long.parseLong(printed);
        } catch (NumberFormatException e) {
            throw new EngineException("the local engine could not be started by /bin/sh (its log: " + engineLog() + ")",
                    e);
        }
    }

    private File engineLog() throws IOException {
        DataDirectory.createPrivateFile(directory.engineLog());
        return directory.engineLog().toFile();
    }

    /**
     * The engine's class path, made absolute: the one the omni launcher names (the client runs without
     * DynamoDB Local's jar), else this JVM's. Either way the engine runs the same build as its client.
     */
    private static String classpath() {
        return Arrays.stream(System.getProperty("omni.engine.classpath", System.getProperty("java.class.path"))
                        .split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().normalize().toString())
                .reduce((a, b) -> a + File.pathSeparator + b)
                .orElseThrow();
    }

    static String describe(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }

    /** The engine's own last word on why it did not start, never a library's. */
    private static String reason(File log) {
        try {
            List<String> lines = Files.readAllLines(log.toPath());
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).startsWith(EngineMain.FAILED)) {
                    return lines.get(i).substring(EngineMain.FAILED.length());
                }
            }
            return "it exited before it said why";
        } catch (IOException e) {
            return "its log cannot be read";
        }
    }

}
