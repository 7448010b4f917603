package dev.omniarchitect.local.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/** The fleet section of BENCHMARKS.md ({@code ./omni bench fleet}): large jobs, their targets as ratios. */
final class FleetReport {

    static final String START = "<!-- fleet: written by ./omni bench fleet -->";
    static final String END = "<!-- /fleet -->";
    static final ReportSection SECTION = new ReportSection(START, END, "## Method");

    /** The largest job's items per second, at least this share of the smallest's: throughput holds at scale. */
    static final double THROUGHPUT_TARGET = 0.8;
    /** The largest job's live heap, at most this many times the smallest's: memory does not grow with items. */
    static final double MEMORY_TARGET = 1.5;
    /** The limited job's wall time, at most this many times the ideal. */
    static final double LIMITED_TARGET = 1.25;

    private FleetReport() {
    }

    static List<BenchResults.Target> targets(FleetFigure figure) {
        FleetFigure.BlueprintRun small = figure.blueprint().get(0);
        FleetFigure.BlueprintRun large = figure.blueprint().get(figure.blueprint().size() - 1);
        double throughput = large.itemsPerSecond() / small.itemsPerSecond();
        double engine = (double) large.engineLiveKb() / small.engineLiveKb();
        int lost = figure.blueprint().stream().mapToInt(run -> run.items() - run.succeeded()).sum()
                + figure.limited().items() - figure.limited().succeeded();
        String sizes = String.format(Locale.ROOT, "%,d against %,d items", large.items(), small.items());
        return List.of(
                new BenchResults.Target("items/s, " + sizes, ratio(throughput), "at least " + THROUGHPUT_TARGET,
                        throughput >= THROUGHPUT_TARGET),
                new BenchResults.Target("engine live heap at the job's end, " + sizes, ratio(engine), "at most " + MEMORY_TARGET,
                        engine > 0 && engine <= MEMORY_TARGET),
                new BenchResults.Target(String.format(Locale.ROOT, "%,d items at %d ms, limit %d: wall / ideal",
                        figure.limited().items(), figure.limited().latencyMs(), figure.limited().limit()),
                        ratio(figure.limited().ratio()), "at most " + LIMITED_TARGET,
                        figure.limited().ratio() <= LIMITED_TARGET),
                new BenchResults.Target("items not succeeded, every run", Integer.toString(lost), "0", lost == 0));
    }

    /** The section's Markdown, markers included. */
    static String section(FleetFigure figure, double loadBefore, double loadAfter, String commit) {
        StringBuilder out = new StringBuilder(START).append("\n## Jobs of 10,000 items\n\n");
        out.append(String.format(Locale.ROOT, "Written by `./omni bench fleet` on %s from commit `%s`. Each job is "
                        + "one `./omni run` of a JSON Lines document, as a user runs it: from nothing (a fresh data "
                        + "directory, so the engine's start is in the wall time), its files written under `--out`, the "
                        + "engine stopped after it. Blueprint items (offline; dockerfile, kubernetes and "
                        + "prometheus-rules in turn) at the default concurrency of 3, the installed checkers off. "
                        + "The engine's live heap is what `jcmd GC.class_histogram` totals when the job has ended "
                        + "(after a full collection: what the engine still holds, its caches of the job included); it is "
                        + "the memory target, as the peak resident sets are the collectors' sizing more than what is "
                        + "held: Linux's VmHWM, the engine's (its heap capped at `-Xmx512m`, and DynamoDB Local's native "
                        + "memory) when the run ended, the client's (no heap cap: its JVM grows the heap rather than "
                        + "collect over a longer run) sampled every 100 ms. The store is the data directory's DynamoDB Local files and job files after the run. "
                        + "The machine's one-minute load average was %.2f when the run started and %.2f when it "
                        + "ended.%n%n", Instant.now().truncatedTo(ChronoUnit.SECONDS), commit, loadBefore, loadAfter));
        MarkdownTable runs = new MarkdownTable("items>", "wall s>", "items/s>", "engine live heap MB>",
                "engine peak RSS MB>", "client peak RSS MB>", "store MB>", "succeeded>", "files>");
        for (FleetFigure.BlueprintRun run : figure.blueprint()) {
            runs.row(String.format(Locale.ROOT, "%,d", run.items()),
                    String.format(Locale.ROOT, "%.1f", run.wallMs() / 1000),
                    String.format(Locale.ROOT, "%.0f", run.itemsPerSecond()),
                    String.format(Locale.ROOT, "%,d", run.engineLiveKb() / 1024),
                    String.format(Locale.ROOT, "%,d", run.engineRssKb() / 1024),
                    String.format(Locale.ROOT, "%,d", run.clientRssKb() / 1024),
                    String.format(Locale.ROOT, "%.1f", run.storeBytes() / 1024.0 / 1024),
                    String.format(Locale.ROOT, "%,d", run.succeeded()),
                    String.format(Locale.ROOT, "%,d", run.files()));
        }
        runs.appendTo(out);
        FleetFigure.LimitedRun limited = figure.limited();
        out.append(String.format(Locale.ROOT, "Against a slow provider: %,d items (cache bypassed) against a loopback "
                        + "provider in OpenAI's wire format that takes %d ms a call, its limit `OMNI_LIMIT_OPENAI=%d` "
                        + "and `--concurrency %d`: the job took %.1f s from its submission to its aggregation (its "
                        + "summary's wall time), against the ideal ceil(%,d / %d) x %d ms = %.1f s: **%.2fx**; %,d "
                        + "succeeded.%n%n", limited.items(), limited.latencyMs(), limited.limit(), limited.limit(),
                limited.wallMs() / 1000, limited.items(), limited.limit(), limited.latencyMs(), limited.idealMs() / 1000,
                limited.ratio(), limited.succeeded()));
        BenchResults.Target.appendTable(out, "target", targets(figure));
        out.append("Every target is a ratio within the same run, so a busier machine moves both sides. The cost of "
                + "10,000 items on AWS is in [Cost on paper](#cost-on-paper).\n\n").append(END).append('\n');
        return out.toString();
    }

    private static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
