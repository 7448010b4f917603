package dev.omniarchitect.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omniarchitect.json.Json;
import dev.omniarchitect.local.engine.EngineEnvironment;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local engine measured through the {@code ./omni} launcher, as a user runs it: {@code --help}, a fully
 * cached run with the engine running and from nothing (each median of {@code --runs} processes, the
 * two kinds interleaved so load hits both alike), and an uncached job of {@link #ITEMS} items against the
 * loopback provider at {@link #LATENCY} on fresh engines (their first job) and on a warm one. Every
 * engine it starts lives in a data directory of its own and is stopped before it returns.
 */
record EngineBench(BenchSettings settings, PrintWriter progress) {

    static final int ITEMS = 12;
    static final Duration LATENCY = Duration.ofMillis(300);
    private static final Duration COMMAND_WAIT = Duration.ofMinutes(5);
    private static final Pattern TIMINGS = Pattern.compile("omni timings:(.*)");
    private static final Duration WARM_UP_WAIT = Duration.ofSeconds(120);

    /** The figure, or null when there is no {@code ./omni} launcher here (the bench runs from elsewhere). */
    EngineFigure measure(LoopbackChatServer provider, Path work) {
        Path launcher = Path.of("omni").toAbsolutePath();
        if (!Files.isExecutable(launcher)) {
            progress.println("  no ./omni launcher in this folder: the engine figures are not measured");
            return null;
        }
        Duration latency = provider.latency();
        provider.latency(LATENCY);
        Path data = work.resolve("engine-data");
        Map<String, String> environment = environment(data, provider);
        try {
            Path uncached = work.resolve("uncached.json");
            // The sample runs on its own provider (blueprint, as a user's first run does); these items on the loopback.
            ObjectNode document = (ObjectNode) Json.mapper().readTree(SyntheticBatch.of(ITEMS, "engine", "bypass",
                    provider.kinds()));
            Files.writeString(uncached, document.put("provider", "openai").toString());
            String sample = settings.sample().toAbsolutePath().toString();
            Path out = work.resolve("engine-out");
            int runs = Math.max(settings.runs(), settings.quick() ? 2 : 5);
            // Unmeasured: builds the client's class archive if missing, starts the engine, fills the cache.
            omni(launcher, environment, "--help");
            omni(launcher, environment, "run", sample, "--out", out.toString());
            Samples help = new Samples();
            Samples running = new Samples();
            Samples fromNothing = new Samples();
            Map<String, Samples> runningPhases = new LinkedHashMap<>();
            Map<String, Samples> fromNothingPhases = new LinkedHashMap<>();
            for (int i = 0; i < runs; i++) {
                help.add(omni(launcher, environment, "--help").millis());
                omni(launcher, environment, "engine", "stop");
                OmniProcess.Outcome cold = omni(launcher, environment, "run", sample, "--out", out.toString());
                fromNothing.add(cold.millis());
                addPhases(cold, fromNothingPhases);
            }
            // "Engine running" is an engine a user left running: idle since its start long enough for its own
            // warm-up (the job right after a start is the from-nothing figure above).
            awaitWarmUp(launcher, environment);
            for (int i = 0; i < runs; i++) {
                help.add(omni(launcher, environment, "--help").millis());
                OmniProcess.Outcome warm = omni(launcher, environment, "run", sample, "--out", out.toString());
                running.add(warm.millis());
                addPhases(warm, runningPhases);
            }
            progress.printf("  --help %.0f ms; cached run: engine running %.0f ms (%.2fx), from nothing %.0f ms (%.2fx)%n",
                    help.median(), running.median(), running.median() / help.median(), fromNothing.median(),
                    fromNothing.median() / help.median());
            Samples coldJobs = new Samples();
            int engines = settings.jvms();
            for (int i = 0; i < engines; i++) {
                omni(launcher, environment, "engine", "stop");
                coldJobs.add(jobWall(omni(launcher, environment, "run", uncached.toString(), "--json", "--out",
                        out.toString())));
            }
            Samples warmJobs = new Samples();
            for (int i = 0; i < runs; i++) {
                warmJobs.add(jobWall(omni(launcher, environment, "run", uncached.toString(), "--json", "--out",
                        out.toString())));
            }
            double ideal = Math.ceil(ITEMS / 3.0) * LATENCY.toMillis();
            progress.printf("  %d uncached items at %d ms: first job of a fresh engine %.0f ms (%.2fx ideal), later "
                    + "%.0f ms (%.2fx)%n", ITEMS, LATENCY.toMillis(), coldJobs.median(), coldJobs.median() / ideal,
                    warmJobs.median(), warmJobs.median() / ideal);
            return new EngineFigure(runs, help.median(), running.median(), fromNothing.median(), medians(runningPhases),
                    medians(fromNothingPhases), ITEMS, LATENCY.toMillis(), ideal, engines, coldJobs.median(),
                    warmJobs.median());
        } catch (IOException e) {
            throw new UncheckedIOException("the engine bench could not write its documents", e);
        } finally {
            provider.latency(latency);
            try {
                omni(launcher, environment, "engine", "stop");
            } catch (RuntimeException e) {
                progress.println("  the bench's engine did not stop: " + e.getMessage());
            }
        }
    }

    /** Waits (at most {@link #WARM_UP_WAIT}) until the running engine says its warm-up has ended. */
    private void awaitWarmUp(Path launcher, Map<String, String> environment) {
        long deadline = System.nanoTime() + WARM_UP_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                String state = Json.mapper().readTree(omni(launcher, environment, "engine", "status", "--json")
                        .stdout()).path("warmUp").asText();
                if (!"pending".equals(state)) {
                    return;
                }
                Thread.sleep(500);
            } catch (IOException e) {
                throw new UncheckedIOException("./omni engine status --json printed no JSON", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        progress.println("  the engine's warm-up had not ended after " + WARM_UP_WAIT.toSeconds() + " s");
    }

    /** The user's environment without provider settings, the loopback provider, the bench's own data directory. */
    private static Map<String, String> environment(Path data, LoopbackChatServer provider) {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.keySet().removeIf(EngineEnvironment::concernsEngine);
        environment.put("OMNI_DATA_DIR", data.toString());
        environment.put("OMNI_ENGINE_IDLE_SECONDS", "600");
        environment.put("OMNI_TIMINGS", "1");
        // The same work per item as the fan-out figures: the installed checkers (shellcheck, promtool...) would
        // add a process per item, which measures them, not the engine.
        environment.put("OMNI_TOOLS", "off");
        environment.put("OPENAI_BASE_URL", provider.baseUrl());
        environment.put("OPENAI_API_KEY", "sk-bench-loopback");
        return environment;
    }

    /** One {@code ./omni} process, timed from its start to its end. */
    private static OmniProcess.Outcome omni(Path launcher, Map<String, String> environment, String... args) {
        return OmniProcess.run(launcher, environment, COMMAND_WAIT, args);
    }

    private static double jobWall(OmniProcess.Outcome run) {
        try {
            JsonNode record = Json.mapper().readTree(run.stdout());
            return record.path("summary").path("wallMs").asDouble();
        } catch (IOException e) {
            throw new IllegalStateException("./omni run --json printed no job record", e);
        }
    }

    private static Map<String, Double> medians(Map<String, Samples> phases) {
        Map<String, Double> medians = new LinkedHashMap<>();
        phases.forEach((phase, samples) -> medians.put(phase, samples.median()));
        return medians;
    }

    /**
     * Adds the phases of a run's {@code omni timings} line, in milliseconds, after {@code start}: the rest of the
     * process's wall time (the launcher, the JVM's start and exit, picocli).
     */
    private static void addPhases(OmniProcess.Outcome run, Map<String, Samples> phases) {
        Matcher matcher = TIMINGS.matcher(run.stderr());
        if (matcher.find()) {
            Map<String, Double> marked = new LinkedHashMap<>();
            for (String pair : matcher.group(1).trim().split(" ")) {
                String[] parts = pair.split("=");
                marked.put(parts[0], Double.parseDouble(parts[1]));
            }
            double rest = run.millis() - marked.values().stream().mapToDouble(Double::doubleValue).sum();
            phases.computeIfAbsent("start", phase -> new Samples()).add(rest);
            marked.forEach((phase, ms) -> phases.computeIfAbsent(phase, p -> new Samples()).add(ms));
        }
    }
}
