package dev.omniarchitect.local.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.omniarchitect.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every figure of one bench run, with what it ran on; saved as JSON so a later run can show it as "before".
 *
 * @param label        what this run measured, e.g. the code before a change ({@code --label})
 * @param measuredAt   when (UTC)
 * @param commit       the git commit of the code measured, "+ local changes" when the tree differed
 * @param quick        whether it was the short run (fewer sizes and runs), not fit for quoting
 * @param machine      the machine
 * @param loadBefore   the machine's one-minute load average when the run started (-1 unknown)
 * @param loadAfter    the same when it ended: what else the machine was doing shows here
 * @param seconds      how long the run took
 * @param warmUpBatches batches run before anything was measured, until their times were steady
 * @param runs         measured runs (fresh JVMs for cold starts) behind each median
 * @param warmups      unmeasured runs before them
 * @param latencyMs    the loopback provider's latency per call
 * @param maxConcurrency the Map state's MaxConcurrency
 * @param jvms         fresh JVMs per cold-start figure
 * @param typical      the typical item
 * @param fanOut       fan-out figures, by batch size
 * @param cacheHits    cache-hit figures, by batch size
 * @param bareJvm      the bare JVM's start
 * @param coldStarts   every function's cold start, without and with priming
 * @param footprint    sizes and peak memory
 * @param cost         the cost on paper
 * @param engineBurst  the engine under a burst of submissions; null in results saved before it was measured
 * @param engine       the local engine through the launcher; null when not measured
 */
public record BenchResults(String label, String measuredAt, String commit, boolean quick, MachineInfo machine,
                           double loadBefore, double loadAfter, long seconds, int warmUpBatches, int runs,
                           int warmups, long latencyMs, int maxConcurrency, int jvms, TypicalItem typical,
                           List<FanOutFigure> fanOut, List<CacheHitFigure> cacheHits, BareJvmFigure bareJvm,
                           List<ColdStartFigure> coldStarts, FootprintFigure footprint, CostFigure cost,
                           EngineBurstFigure engineBurst, EngineFigure engine) {

    /** Reads results a run saved. */
    public static BenchResults read(Path file) {
        try {
            return Json.mapper().readValue(Files.readString(file, StandardCharsets.UTF_8), BenchResults.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read earlier bench results from " + file, e);
        }
    }

    /** The results as indented JSON. */
    public String toJson() {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(this) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fan-out figure of that batch size. */
    public Optional<FanOutFigure> fanOut(int items) {
        return fanOut.stream().filter(figure -> figure.items() == items).findFirst();
    }

    /** The cache-hit figure of that batch size. */
    public Optional<CacheHitFigure> cacheHits(int items) {
        return cacheHits.stream().filter(figure -> figure.items() == items).findFirst();
    }

    /** A function's cold start, primed or not. */
    public Optional<ColdStartFigure> coldStart(String function, boolean primed) {
        return coldStarts.stream().filter(figure -> figure.function().equals(function) && figure.primed() == primed)
                .findFirst();
    }

    /** Every target of the issue, each with its measured value and whether it is met. */
    public List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        for (FanOutFigure figure : fanOut) {
            if (figure.items() >= FanOutFigure.TARGET_FROM_ITEMS) {
                targets.add(new Target("fan-out N=" + figure.items() + ": measured / ideal wall",
                        format("%.2f", figure.efficiency()), "at most " + format("%.2f", FanOutFigure.TARGET_EFFICIENCY),
                        figure.efficiency() <= FanOutFigure.TARGET_EFFICIENCY));
                double floor = figure.idealSpeedup() / FanOutFigure.TARGET_EFFICIENCY;
                targets.add(new Target("fan-out N=" + figure.items() + ": speedup over sequential",
                        format("%.2fx", figure.speedup()), format("at least %.2fx (ideal %.2fx less 10%%)", floor,
                        figure.idealSpeedup()), figure.speedup() >= floor));
            }
        }
        for (CacheHitFigure figure : cacheHits) {
            targets.add(new Target("cache hits N=" + figure.items() + ": cache read p50",
                    format("%.2f ms", figure.readP50Ms()), format("under %.0f ms", CacheHitFigure.TARGET_READ_P50_MS),
                    figure.readP50Ms() < CacheHitFigure.TARGET_READ_P50_MS));
            if (figure.items() == CacheHitFigure.TARGET_ITEMS) {
                targets.add(new Target("cache hits N=" + figure.items() + ": batch wall time",
                        format("%.0f ms", figure.medianWallMs()), format("under %.0f ms", CacheHitFigure.TARGET_WALL_MS),
                        figure.medianWallMs() < CacheHitFigure.TARGET_WALL_MS));
            }
        }
        for (String function : TemplateSettings.FUNCTIONS) {
            Optional<ColdStartFigure> plain = coldStart(function, false);
            Optional<ColdStartFigure> primed = coldStart(function, true);
            if (plain.isPresent() && primed.isPresent()) {
                targets.add(new Target(function + ": first invocation, primed",
                        format("%.0f ms", primed.get().firstInvocationMs()),
                        format("below the unprimed %.0f ms", plain.get().firstInvocationMs()),
                        primed.get().hooks() > 0 && primed.get().firstInvocationMs() < plain.get().firstInvocationMs()));
            }
        }
        if (engineBurst != null) {
            targets.add(new Target("engine burst of " + engineBurst.posts() + " POSTs: every answer 202, or 429/503 "
                    + "with Retry-After; every accepted job ends", format("%d accepted (%d ended), %d refused, %d other",
                    engineBurst.accepted(), engineBurst.acceptedEnded(), engineBurst.tooMany() + engineBurst.unavailable(),
                    engineBurst.other()), "no other answer, none without Retry-After, all accepted end",
                    engineBurst.orderly()));
        }
        if (engine != null) {
            targets.addAll(EngineTargets.of(engine));
        }
        return targets;
    }

    static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }

    /**
     * One target and how this run fares.
     *
     * @param figure    what is measured
     * @param measured  its value
     * @param target    the goal
     * @param met       whether the value meets it
     */
    public record Target(String figure, String measured, String target, boolean met) {

        /**
         * The line a bench command prints for it: "ok" or "MISS", the scope (a section's, or empty), the figure,
         * what it measured, the goal.
         */
        public String line(String scope) {
            return format("%-4s %s%s: %s (target: %s)", met ? "ok" : "MISS", scope, figure, measured, target);
        }

        /** Those targets as a table of the report, its first column headed so. */
        static void appendTable(StringBuilder out, String heading, List<Target> targets) {
            MarkdownTable table = new MarkdownTable(heading, "measured>", "target", "met");
            for (Target target : targets) {
                table.row(target.figure(), target.measured(), target.target(), target.met() ? "yes" : "**no**");
            }
            table.appendTo(out);
        }
    }
}
