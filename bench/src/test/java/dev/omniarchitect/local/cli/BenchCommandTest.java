package dev.omniarchitect.local.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omniarchitect.local.bench.BenchResults;
import dev.omniarchitect.local.bench.CacheHitFigure;
import dev.omniarchitect.local.bench.ColdStartFigure;
import dev.omniarchitect.local.bench.FanOutFigure;
import dev.omniarchitect.local.bench.FootprintFigure;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code omni bench --short} as CI runs it: the whole bench on the real pipeline, probes and all, in its
 * quick form. Whether the timing targets are met is the bench's to report, never this test's to assert;
 * what is asserted is that the report is complete, well formed and consistent with the figures saved.
 */
class BenchCommandTest {

    @TempDir
    static Path temp;

    private static Outcome shortRun;

    /** Where --short writes unless told otherwise (the tests run in local/, so never over the tracked files). */
    private static final Path SHORT = Path.of("target", "bench-short");

    @BeforeAll
    static void runTheShortBench() throws IOException {
        Files.createDirectories(SHORT);
        for (String file : List.of("BENCHMARKS.md", "fanout.png", "results.json")) {
            Files.deleteIfExists(SHORT.resolve(file));
        }
        Files.deleteIfExists(Path.of("BENCHMARKS.md"));
        shortRun = omni("bench", "--short",
                "--baseline", temp.resolve("docs/bench/none.json").toString(),
                "--sample", Path.of("..", "events", "batch-request.json").toString(),
                "--template", Path.of("..", "template.yaml").toString(),
                "--functions-target", Path.of("..", "functions", "target").toString());
    }

    @Test
    void aShortRunWritesUnderTargetNeverOverTheTrackedReport() {
        assertTrue(Files.isRegularFile(SHORT.resolve("BENCHMARKS.md")) && Files.isRegularFile(SHORT.resolve("fanout.png")),
                shortRun.out);
        assertFalse(Files.exists(Path.of("BENCHMARKS.md")), "--short wrote the report where a full run writes it");
        assertTrue(shortRun.out.contains("wrote " + SHORT.resolve("BENCHMARKS.md")), shortRun.out);
    }

    @Test
    void theShortRunEndsWithEveryTargetReported() {
        assertTrue(shortRun.status == 0 || shortRun.status == 1, "status " + shortRun.status + ": " + shortRun.err);
        BenchResults results = BenchResults.read(SHORT.resolve("results.json"));
        List<BenchResults.Target> targets = results.targets();
        assertFalse(targets.isEmpty());
        for (BenchResults.Target target : targets) {
            assertTrue(shortRun.out.contains(target.figure() + ": " + target.measured()), target + "\n" + shortRun.out);
        }
        assertEquals(targets.stream().allMatch(BenchResults.Target::met) ? 0 : 1, shortRun.status);
    }

    @Test
    void theFiguresAreThoseOfTheShortRunAndPhysicallyPossible() {
        BenchResults results = BenchResults.read(SHORT.resolve("results.json"));
        assertTrue(results.quick());
        assertEquals(List.of(3, 10), results.fanOut().stream().map(FanOutFigure::items).toList());
        for (FanOutFigure figure : results.fanOut()) {
            assertEquals(2, figure.wallsMs().size(), "2 measured runs");
            // Nothing can beat three calls in flight, and the Map never lets a fourth start.
            assertTrue(figure.medianWallMs() >= figure.idealMs(), figure.toString());
            assertEquals(Math.min(3, figure.items()), figure.peakInFlight(), figure.toString());
        }
        for (CacheHitFigure figure : results.cacheHits()) {
            assertTrue(figure.reads() >= 100 && figure.reads() % figure.items() == 0, "reads: " + figure);
            assertTrue(figure.readP50Ms() > 0 && figure.readP50Ms() <= figure.readP99Ms(), figure.toString());
            // How fast a cached batch is, is the bench's to report against its target, not this test's: on a
            // loaded machine the same run takes several times longer.
            assertTrue(figure.medianWallMs() > 0 && figure.itemP50Ms() <= figure.itemP99Ms(), figure.toString());
        }
        assertEquals(6, results.coldStarts().size(), "three functions, unprimed and primed");
        for (ColdStartFigure figure : results.coldStarts()) {
            assertTrue(figure.initMs() > 0 && figure.firstInvocationMs() > 0 && figure.secondInvocationMs() > 0,
                    figure.toString());
            assertTrue(figure.classesAtInit() > results.bareJvm().classes(), figure.toString());
            assertTrue(figure.classesByFirstInvocation() > 0, figure.toString());
            if (figure.primed()) {
                // The handler's hook reached the probe through org.crac, and priming took the loading off the
                // first invocation: these hold in any weather, unlike the times.
                assertEquals(1, figure.hooks(), figure.toString());
                assertTrue(figure.classesByPriming() > figure.classesByFirstInvocation(), figure.toString());
            }
        }
        FootprintFigure footprint = results.footprint();
        assertTrue(footprint.functionsJarBytes() > 0);
        assertEquals(3, footprint.functions().size());
        footprint.functions().forEach(function -> assertTrue(function.peakRssMb() > 0, function.toString()));
        assertEquals(2, results.cost().cases().size());
        results.cost().cases().forEach(costCase -> {
            assertTrue(costCase.awsUsd() > 0, costCase.toString());
            assertTrue(costCase.readUnits() > 0 && costCase.writeUnits() > 0, costCase.toString());
        });
        assertTrue(results.cost().transitions().perItem() >= 1);
        // The engine's burst: every POST answered, and how is the engine's contract, not a matter of speed.
        var burst = results.engineBurst();
        assertEquals(burst.posts(), burst.accepted() + burst.tooMany() + burst.unavailable() + burst.other(),
                burst.toString());
        assertTrue(burst.accepted() > 0 && burst.orderly() && burst.peakRssMb() > 0, burst.toString());
    }

    @Test
    void theReportHasEverySectionEveryFigureAndTheChart() throws IOException {
        String report = Files.readString(SHORT.resolve("BENCHMARKS.md"));
        for (String section : List.of("## Targets", "## Fan-out efficiency", "## Cache hits", "## Cold start",
                "## Footprint", "## The engine under a burst", "## Cost on paper", "## Method")) {
            assertTrue(report.contains("\n" + section + "\n"), "missing " + section);
        }
        assertTrue(report.contains("./omni bench"), "the report says how to reproduce it");
        assertTrue(report.contains("short run: not for quoting"));
        assertFalse(report.contains("NaN"), report);
        assertFalse(report.contains("null"), report);
        for (String row : List.of("| 3 | 750 ms | 250 ms |", "| 10 | 2,500 ms | 1,000 ms |")) {
            assertTrue(report.contains(row), "fan-out row " + row);
        }
        for (String function : List.of("ApiFunction", "ProviderCallFunction", "AggregateFunction")) {
            assertTrue(report.contains("| " + function + " | no |") && report.contains("| " + function + " | yes ("),
                    function + " cold starts");
        }
        for (String line : report.split("\n")) {
            if (line.startsWith("|")) {
                assertTrue(line.endsWith("|"), "a table row that does not end: " + line);
            }
        }
        assertTrue(report.contains("![Batch wall time against batch size](fanout.png)"));
        BufferedImage chart = ImageIO.read(SHORT.resolve("fanout.png").toFile());
        assertNotNull(chart, "the chart is a PNG");
        assertEquals(900, chart.getWidth());
    }

    @Test
    void helpDescribesTheOptionsAndBadOptionsAreRefused() {
        Outcome help = omni("bench", "--help");
        assertEquals(0, help.status);
        for (String option : List.of("--sizes", "--runs", "--warmups", "--latency-ms", "--jvms", "--short", "--out",
                "--chart", "--results", "--baseline", "--cost-items")) {
            assertTrue(help.out.contains(option), option + " missing from\n" + help.out);
        }
        Outcome badSize = omni("bench", "--sizes", "0,3");
        assertEquals(2, badSize.status);
        assertTrue(badSize.err.contains("--sizes must be batch sizes from 1 to 100"), badSize.err);
        assertEquals(2, omni("bench", "--runs", "0").status);
        assertTrue(omni("--help").out.contains("bench"));
    }

    /** The bench reads no environment: everything it starts gets an environment of its own. */
    private static Outcome omni(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = OmniCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), Map.of())
                .execute(args);
        return new Outcome(status, out.toString(), err.toString());
    }

    private record Outcome(int status, String out, String err) {
    }
}
