package dev.omniarchitect.local.bench;

import java.util.Locale;
import java.util.Map;

/** The "Local engine" section of BENCHMARKS.md. */
final class EngineReport {

    private EngineReport() {
    }

    static String markdown(EngineFigure now, EngineFigure before) {
        StringBuilder out = new StringBuilder("## Local engine\n\n");
        if (now == null) {
            return out.append("Not measured: the bench ran without the `./omni` launcher in its folder.\n\n").toString();
        }
        out.append(format("Whole `./omni` processes, started by the bench as a user starts them (the launcher script, "
                + "its JVM, the engine over loopback HTTP), each figure the median of %d, the kinds interleaved so "
                + "the machine's load falls on all alike. The sample is `%s`, fully cached. \"From nothing\" stops the "
                + "engine first, so the run starts one (the data directory, the cache in it, stay); \"engine running\" "
                + "runs come after those, once the last engine has finished its own warm-up (`./omni engine status` "
                + "says `done`), as an engine a user left running has. The engine runs with "
                + "`OMNI_TOOLS=off`, as the fan-out figures do: installed checkers (shellcheck, promtool...) would "
                + "add a process per generated item, a cost of those tools, not of the engine.%n%n", now.runs(),
                "events/batch-request.json"));
        out.append("| figure | ms | x `./omni --help` | target |");
        out.append(before == null ? "\n|---|---|---|---|\n" : " before |\n|---|---|---|---|---|\n");
        row(out, "`./omni --help`", now.helpMs(), 1.0, "", before == null ? null : format("%.0f ms", before.helpMs()));
        row(out, "cached run, engine running", now.runningMs(), now.runningRatio(),
                format("at most %.0fx", EngineFigure.TARGET_RUNNING_RATIO),
                before == null ? null : format("%.2fx", before.runningRatio()));
        row(out, "cached run, from nothing", now.fromNothingMs(), now.fromNothingRatio(),
                format("at most %.0fx", EngineFigure.TARGET_FROM_NOTHING_RATIO),
                before == null ? null : format("%.2fx", before.fromNothingRatio()));
        out.append("\nWhere the time goes (medians, ms; `OMNI_TIMINGS=1` prints the phases of any run): `start` the "
                + "rest of the process's time (the launcher script, the JVM's start and exit, picocli), `check` reading the "
                + "document (and, with no engine running, validating it in the client: a running engine validates it as "
                + "it takes it), `connect` finding the engine (with one running, from its discovery file; from "
                + "nothing: starting it and waiting until it answers), `submit` handing the job to the engine (stored, its execution started), "
                + "`job` following it until it ended, `output` writing the files and the table.\n\n");
        out.append("| run | ").append(String.join(" | ", now.runningPhasesMs().keySet())).append(" |\n|---|");
        out.append("---|".repeat(now.runningPhasesMs().size())).append("\n");
        phases(out, "engine running", now.runningPhasesMs());
        phases(out, "from nothing", now.fromNothingPhasesMs());
        out.append(format("%nUncached: %d items against the loopback provider answering in %d ms, the ideal being "
                + "ceil(%d / 3) x %d ms = %.0f ms. The cold figure is the first job of a freshly started engine "
                + "(median of %d engines), the warm one later jobs on one engine (median of %d). The job's own wall "
                + "time, as its summary gives it.%n%n", now.items(), now.latencyMs(), now.items(), now.latencyMs(),
                now.idealMs(), now.engines(), now.runs()));
        out.append("| job | wall ms | x ideal | target |\n|---|---|---|---|\n");
        out.append(format("| first job of a fresh engine | %.0f | %.2f | at most %.2f |%n", now.coldJobMs(),
                now.coldRatio(), EngineFigure.TARGET_COLD_RATIO));
        out.append(format("| later jobs | %.0f | %.2f | at most %.2f |%n%n", now.warmJobMs(), now.warmRatio(),
                EngineFigure.TARGET_WARM_RATIO));
        return out.toString();
    }

    private static void row(StringBuilder out, String figure, double ms, double ratio, String target, String before) {
        out.append(format("| %s | %.0f | %.2f | %s |", figure, ms, ratio, target));
        out.append(before == null ? "\n" : " " + before + " |\n");
    }

    private static void phases(StringBuilder out, String run, Map<String, Double> phases) {
        out.append("| ").append(run).append(" |");
        phases.values().forEach(ms -> out.append(format(" %.0f |", ms)));
        out.append("\n");
    }

    private static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }
}
