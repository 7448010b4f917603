package dev.omniarchitect.local.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omniarchitect.local.engine.DataDirectory;
import dev.omniarchitect.local.engine.EngineClient;
import dev.omniarchitect.local.engine.EngineEnvironment;
import dev.omniarchitect.local.engine.EngineInfo;
import dev.omniarchitect.local.engine.EngineLauncher;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local engine as users meet it, with real processes: {@code omni} commands started as separate
 * JVMs on one data directory, the background engine they start, its signals and files.
 */
class EngineProcessTest {

    private static final Path MAIN_JOB = Path.of("..", "events", "batch-request.json").toAbsolutePath();
    private static final Duration COMMAND_WAIT = Duration.ofMinutes(4);

    @TempDir
    Path temp;

    private final List<Process> started = new ArrayList<>();
    private final List<Path> dataDirectories = new ArrayList<>();

    @AfterEach
    void endEverything() {
        started.forEach(process -> TestEngines.kill(process.toHandle()));
        dataDirectories.forEach(TestEngines::stop);
    }

    @Test
    void sixRunsAndAServeAtOnceOnOneDataDirectoryAllSucceed() throws Exception {
        Path data = dataDirectory("shared");
        Command serve = start(data, Map.of(), "serve", "--port", "0", "--data-dir", data.toString());
        List<Command> runs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            runs.add(start(data, Map.of(), "run", MAIN_JOB.toString(), "--out", temp.resolve("out" + i).toString(),
                    "--data-dir", data.toString()));
        }
        for (Command run : runs) {
            assertEquals(0, run.await(), run.describe());
            assertNoStackTrace(run);
            assertTrue(run.out().contains("9 items: 9 succeeded"), run.describe());
        }
        EngineInfo owner = awaitEngine(data);
        assertEquals(EngineInfo.FOREGROUND, owner.mode(), "omni serve owns the data directory once it has started");
        assertEquals(serve.process.pid(), owner.pid());
        Command stop = start(data, Map.of(), "engine", "stop", "--data-dir", data.toString());
        assertEquals(0, stop.await(), stop.describe());
        assertEquals(0, serve.await(), serve.describe());
        assertNoStackTrace(serve);
        assertFalse(Files.exists(data.resolve("engine.json")), "a stopped engine leaves no discovery file");
    }

    @Test
    void theFirstClientStartsTheEngineLaterOnesReuseItAndEngineStopEndsIt() throws Exception {
        Path data = dataDirectory("reuse");
        Command first = run(data, Map.of());
        assertEquals(0, first.await(), first.describe());
        assertEquals(1, count(first.err(), "starting the local engine"), first.describe());
        EngineInfo engine = awaitEngine(data);
        assertEquals(EngineInfo.BACKGROUND, engine.mode());
        assertTrue(engine.processAlive());

        Command second = run(data, Map.of());
        assertEquals(0, second.await(), second.describe());
        assertFalse(second.err().contains("starting the local engine"), second.describe());
        assertTrue(second.out().contains("9 from cache"), "the engine's store keeps the cache: " + second.describe());
        assertEquals(engine.pid(), awaitEngine(data).pid(), "the second run reuses the engine");

        Command status = start(data, Map.of(), "engine", "status", "--data-dir", data.toString());
        assertEquals(0, status.await(), status.describe());
        assertTrue(status.out().contains(Long.toString(engine.pid())) && status.out().contains("background"),
                status.describe());
        assertTrue(java.util.regex.Pattern.compile("warm-up +(pending|done|off)").matcher(status.out()).find(),
                status.describe());

        Command stop = start(data, Map.of(), "engine", "stop", "--data-dir", data.toString());
        assertEquals(0, stop.await(), stop.describe());
        // Ended: gone, or a zombie that init has not reaped yet (the JDK counts that as alive).
        assertFalse(engine.processAlive(), "the engine has exited");
        Command none = start(data, Map.of(), "engine", "status", "--data-dir", data.toString());
        assertEquals(1, none.await(), none.describe());
        assertTrue(none.out().contains("no engine runs"), none.describe());
    }

    @Test
    void theEngineIsNoChildOfTheClientThatStartedIt() throws Exception {
        Path data = dataDirectory("detached");
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.keySet().removeIf(EngineEnvironment::concernsEngine);
        environment.remove("OMNI_DATA_DIR");
        environment.put("OMNI_ENGINE_IDLE_SECONDS", "300");
        StringWriter said = new StringWriter();
        EngineClient client = new EngineLauncher(new DataDirectory(data), environment, new PrintWriter(said)).connect();
        EngineInfo engine = client.engine();
        assertTrue(said.toString().contains("starting the local engine"), said.toString());
        assertTrue(engine.processAlive(), "the engine runs");
        assertEquals(200, client.status(Duration.ofSeconds(10)).status(), "and answers");
        // A child of this JVM would keep the JDK's reaper thread waiting in native code, and a JVM's exit waits up
        // to 300 ms for such threads: each client that started an engine would end that much later.
        assertTrue(ProcessHandle.current().descendants().noneMatch(process -> process.pid() == engine.pid()),
                "the engine is no descendant of the client that started it");
        assertTrue(EngineLauncher.stop(client, Duration.ofSeconds(60)), "engine stop ends it");
        assertFalse(engine.processAlive(), "the engine has exited");
    }

    @Test
    void anIdleEngineExitsByItself() throws Exception {
        Path data = dataDirectory("idle");
        Command run = run(data, Map.of("OMNI_ENGINE_IDLE_SECONDS", "2"));
        assertEquals(0, run.await(), run.describe());
        assertTrue(run.err().contains("stops after 2 s without work"), run.describe());
        EngineInfo engine = awaitEngine(data);
        assertTrue(engine.awaitEnd(Duration.ofSeconds(60)), "the idle engine did not exit");
        assertFalse(Files.exists(data.resolve("engine.json")), "an engine that exits removes its discovery file");
    }

    @Test
    void aKilledEngineIsReplaced() throws Exception {
        Path data = dataDirectory("killed");
        assertEquals(0, run(data, Map.of()).await());
        EngineInfo engine = awaitEngine(data);
        TestEngines.kill(ProcessHandle.of(engine.pid()).orElseThrow());

        Command again = run(data, Map.of());
        assertEquals(0, again.await(), again.describe());
        assertTrue(again.err().contains("is gone; starting another"), again.describe());
        assertNoStackTrace(again);
        assertNotEquals(engine.pid(), awaitEngine(data).pid());
    }

    @Test
    void anEngineOfAnotherBuildIsReplaced() throws Exception {
        Path data = dataDirectory("older");
        assertEquals(0, run(data, Map.of()).await());
        EngineInfo engine = awaitEngine(data);
        new EngineInfo(engine.pid(), engine.processStart(), engine.port(), "20200101T000000.000", engine.environment(),
                engine.mode(), engine.token()).write(data.resolve("engine.json"));

        Command again = run(data, Map.of());
        assertEquals(0, again.await(), again.describe());
        assertTrue(again.err().contains("another build of omni"), again.describe());
        assertNoStackTrace(again);
        assertFalse(engine.processAlive(), "the old engine ended");
        assertNotEquals(engine.pid(), awaitEngine(data).pid());
    }

    @Test
    void aMalformedDocumentOrBadArgumentsAreRefusedBeforeAnyEngineStarts() throws Exception {
        Path data = dataDirectory("refused");
        Path malformed = temp.resolve("malformed.json");
        Files.writeString(malformed, "{\"items\": [{\"id\": \"a\", \"kind\": \"dockerfile\",");
        Path invalid = temp.resolve("invalid.json");
        Files.writeString(invalid, "{\"items\": [{\"id\": \"Bad Id\", \"kind\": \"helm\", \"prompt\": \"x\"}]}");
        for (Command refused : List.of(start(data, Map.of(), "run", malformed.toString(), "--data-dir", data.toString()),
                start(data, Map.of(), "run", invalid.toString(), "--data-dir", data.toString()),
                start(data, Map.of(), "run", MAIN_JOB.toString(), "--concurrency", "0", "--data-dir", data.toString()),
                start(data, Map.of(), "run", MAIN_JOB.toString(), "--provider", "skynet", "--data-dir",
                        data.toString()))) {
            assertEquals(2, refused.await(), refused.describe());
            assertNoStackTrace(refused);
        }
        assertFalse(Files.exists(data.resolve("engine.json")), "no engine was started");
        assertFalse(Files.exists(data.resolve("dynamodb")), "no store was opened");
    }

    @Test
    void theEngineFilesAreTheOwnersOnlyAndItsPrivateRoutesWantTheToken() throws Exception {
        Path data = dataDirectory("private");
        Command run = run(data, Map.of("OMNI_API_TOKEN", "local-test-token-123"));
        assertEquals(0, run.await(), run.describe());
        EngineInfo engine = awaitEngine(data);
        assertEquals("local-test-token-123", engine.token(), "clients find the token in the discovery file");
        assertEquals("rwx------", permissions(data));
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : files.toList()) {
                if (Files.isDirectory(file)) {
                    assertEquals("rwx------", permissions(file), file.toString());
                } else if (!file.getParent().equals(data.resolve("dynamodb"))) {
                    assertEquals("rw-------", permissions(file), file.toString());
                }
            }
        }
        assertEquals("rw-------", permissions(data.resolve("engine.json")));
        assertEquals(401, status(engine.uri().resolve("/engine/v1/status"), Map.of("X-Omni-Client", "1")));
        assertEquals(403, status(engine.uri().resolve("/engine/v1/status"),
                Map.of("Authorization", "Bearer local-test-token-123")), "the command line's header is required");
        assertEquals(200, status(engine.uri().resolve("/engine/v1/status"),
                Map.of("X-Omni-Client", "1", "Authorization", "Bearer local-test-token-123")));
    }

    private Path dataDirectory(String name) {
        Path data = temp.resolve(name);
        dataDirectories.add(data);
        return data;
    }

    private Command run(Path data, Map<String, String> environment) throws IOException {
        return start(data, environment, "run", MAIN_JOB.toString(), "--out", temp.resolve("out").toString(),
                "--data-dir", data.toString());
    }

    /** {@code omni ARGS} as its own JVM, with this JVM's class path, in an environment without provider settings. */
    private Command start(Path data, Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OmniCommand.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(temp, "out", ".txt");
        Path err = Files.createTempFile(temp, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(EngineEnvironment::concernsEngine);
        env.remove("OMNI_DATA_DIR");
        env.put("OMNI_ENGINE_IDLE_SECONDS", "300");
        env.putAll(environment);
        Process process = builder.start();
        started.add(process);
        return new Command(process, out, err, String.join(" ", args));
    }

    private static EngineInfo awaitEngine(Path data) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            var engine = EngineInfo.read(data.resolve("engine.json"));
            if (engine.isPresent()) {
                return engine.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no engine published itself in " + data);
    }

    private static int status(URI uri, Map<String, String> headers) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        headers.forEach(connection::setRequestProperty);
        try {
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    private static void assertNoStackTrace(Command command) throws IOException {
        String err = command.err();
        assertFalse(err.contains("Exception") || err.contains("\tat ") || err.contains("Caused by"), command.describe());
    }

    /** A started command and where its output goes. */
    private record Command(Process process, Path outFile, Path errFile, String args) {

        int await() throws InterruptedException {
            if (!process.waitFor(COMMAND_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("omni " + args + " did not end within " + COMMAND_WAIT);
            }
            return process.exitValue();
        }

        String out() throws IOException {
            return Files.readString(outFile, StandardCharsets.UTF_8);
        }

        String err() throws IOException {
            return Files.readString(errFile, StandardCharsets.UTF_8);
        }

        String describe() {
            try {
                return "omni " + args + "\n--- stdout\n" + out() + "\n--- stderr\n" + err();
            } catch (IOException e) {
                return "omni " + args + " (output unreadable)";
            }
        }
    }
}
