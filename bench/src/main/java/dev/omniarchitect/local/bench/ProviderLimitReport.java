package dev.omniarchitect.local.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The provider-limit section of BENCHMARKS.md, between markers so that {@code ./omni bench provider-limit}
 * replaces only it and a full {@code ./omni bench} keeps it.
 */
final class ProviderLimitReport {

    static final String START = "<!-- provider-limit: written by ./omni bench provider-limit -->";
    static final String END = "<!-- /provider-limit -->";
    /** Where the section is in the report. */
    static final ReportSection SECTION = new ReportSection(START, END, "## Method");

    /** The most a wall time may exceed the ideal, and the share of calls that may be answered 429. */
    static final double WALL_TARGET = 1.15;
    static final double THROTTLED_TARGET = 0.02;

    private ProviderLimitReport() {
    }

    /** The adaptive mode's targets: wall time, 429s, peak in flight, nothing lost. */
    static List<BenchResults.Target> targets(ProviderLimitFigure adaptive) {
        return List.of(
                new BenchResults.Target("wall time / ideal", String.format(Locale.ROOT, "%.2f", adaptive.wallRatio()),
                        "at most " + WALL_TARGET, adaptive.wallRatio() <= WALL_TARGET),
                new BenchResults.Target("429s / calls", percent(adaptive.throttledShare()), "under 2%",
                        adaptive.throttledShare() < THROTTLED_TARGET),
                new BenchResults.Target("peak in flight", Integer.toString(adaptive.peakInFlight()),
                        "at most the ceiling, " + adaptive.ceiling(), adaptive.peakInFlight() <= adaptive.ceiling()),
                new BenchResults.Target("items lost or failed", Integer.toString(adaptive.missing() + adaptive.failed()), "0",
                        adaptive.missing() + adaptive.failed() == 0));
    }

    /** The section's Markdown, markers included. */
    static String section(List<ProviderLimitFigure> figures, double loadBefore, double loadAfter, String commit) {
        ProviderLimitFigure adaptive = figures.get(0);
        StringBuilder out = new StringBuilder(START).append("\n## One limit per provider\n\n");
        out.append(String.format(Locale.ROOT, "Written by `./omni bench provider-limit` on %s from commit `%s`. "
                        + "%d jobs of %d items at once (cache bypassed, up to 10 attempts each) through the local "
                        + "pipeline, against a loopback provider in OpenAI's wire format that takes %d ms a call and "
                        + "answers 429 with `Retry-After: %s` whenever more than %d calls are in flight. The ideal is "
                        + "every item called once at that capacity: %d ms x ceil(%d / %d) = %.1f s. Both modes run in "
                        + "the same process, one after the other, after an unmeasured warm-up. The machine's one-minute "
                        + "load average was %.2f when the run started and %.2f when it ended.%n%n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), commit, adaptive.jobs(), adaptive.itemsPerJob(),
                adaptive.callMs(), ProviderLimitBench.RETRY_AFTER_SECONDS, adaptive.capacity(), adaptive.callMs(),
                adaptive.jobs() * adaptive.itemsPerJob(), adaptive.capacity(), adaptive.idealMs() / 1000, loadBefore,
                loadAfter));
        int cores = Runtime.getRuntime().availableProcessors();
        if (Math.max(loadBefore, loadAfter) > cores) {
            out.append(String.format(Locale.ROOT, "**The machine was loaded** (a load average above its %d cores: "
                    + "other builds ran beside this one), so these times are longer than a quiet machine's: each "
                    + "lease handed from one call to the next, each result stored, waits for a share of the CPU "
                    + "that DynamoDB Local and the pipeline compete for.%n%n", cores));
        }
        MarkdownTable table = new MarkdownTable("mode", "ceiling>", "wall s>", "wall / ideal>", "calls>", "429s>",
                "429s / calls>", "peak in flight>", "answered>", "failed>", "lost>", "lease wait s (sum)>");
        for (ProviderLimitFigure figure : figures) {
            table.row(figure.mode(), Integer.toString(figure.ceiling()),
                    String.format(Locale.ROOT, "%.1f", figure.wallMs() / 1000),
                    String.format(Locale.ROOT, "%.2f", figure.wallRatio()), Integer.toString(figure.calls()),
                    Integer.toString(figure.throttled()), percent(figure.throttledShare()),
                    Integer.toString(figure.peakInFlight()), Integer.toString(figure.answered()),
                    Integer.toString(figure.failed()), Integer.toString(figure.missing()),
                    String.format(Locale.ROOT, "%.1f", figure.leaseWaitMs() / 1000.0));
        }
        table.appendTo(out);
        BenchResults.Target.appendTable(out, "adaptive limit", targets(adaptive));
        out.append("How the limit gets there: the first calls find the limit at its ceiling, and the provider refuses "
                + "what is above its capacity. A 429 that came while at least half the limit was in flight measures "
                + "the provider: what it was taking is the leases the others held when the refused call took its "
                + "own (counted then, not after the refusal came back, when some of them have ended and other "
                + "refused calls still hold theirs). The first 429 of a burst cuts the limit to 70%, and to that "
                + "measure when it is lower; its Retry-After pauses the whole provider. For a minute after a burst "
                + "the limit climbs back no higher than the smallest measure of the burst, so it does not probe "
                + "one above the provider's capacity every few successes (each probe would cost a 429 and a pause "
                + "for everyone). A lease given back goes straight to a caller of the same engine waiting for one, "
                + "in one conditional transaction; callers waiting here stay queued for that hand-over while one of "
                + "them looks in the store, and a caller that read the state lately and finds nobody waiting takes "
                + "its slot in one conditional write. The adaptive wall time is the ideal, plus a second of pause "
                + "for everyone per burst of 429s, plus, for each of the 60 rounds of five calls, the time a lease "
                + "takes to pass from a call that ended to the next one. Fixed lanes: every job's three lanes call "
                + "at once, the provider refuses most of them (each 429 still pauses the whole provider: only the "
                + "ceiling is lifted), and some items run out of attempts.\n\n").append(END).append('\n');
        return out.toString();
    }

    /** The report with that section in place of its own (or before the method when it has none). */
    static String replace(String report, String section) {
        return SECTION.replace(report, section);
    }

    /** The section a report has, if any. */
    static Optional<String> find(String report) {
        return SECTION.find(report);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
