package dev.omniarchitect.local.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code omni bench fleet}: jobs of thousands of items through the local engine, in their section of BENCHMARKS.md. */
@Command(name = "fleet",
        mixinStandardHelpOptions = true,
        header = "Measures jobs of thousands of items through ./omni run and writes their section of BENCHMARKS.md.",
        description = {
            "Runs, each as one ./omni run from nothing in a data directory of its own: a job of each --sizes",
            "blueprint items (offline, default concurrency), reporting its wall time, items per second, the",
            "engine's live heap at the job's end (jcmd) and peak memory, the client's peak memory and the",
            "store's size on disk; then --limited-items items against a loopback provider that takes",
            "--latency-ms a call under a provider limit of --limit (run at that concurrency), against the ideal",
            "ceil(items / limit) x latency. Its targets are ratios within the run: the largest job's items per",
            "second and the engine's live heap against the smallest's, and the limited job against its ideal.",
            "Replaces only its own section of the report (a full ./omni bench keeps it) and writes the figures as",
            "JSON. Takes about five minutes with the defaults. Run it from the repository root.",
            ""},
        footer = {"", "Exit status: 0 every target met, 1 some target missed (the report says which), 2 bad",
            "arguments, 3 the bench itself could not be carried out (the message says why)."})
final class FleetCommand implements Callable<Integer> {

    @Option(names = "--sizes", paramLabel = "N", split = ",", defaultValue = "1000,10000",
            description = "blueprint jobs' sizes, smallest first, up to 10,000 (default: ${DEFAULT-VALUE})")
    List<Integer> sizes;

    @Option(names = "--limited-items", paramLabel = "N", defaultValue = "1000",
            description = "items of the job against the slow provider (default: ${DEFAULT-VALUE})")
    int limitedItems;

    @Option(names = "--latency-ms", paramLabel = "MS", defaultValue = "300",
            description = "the slow provider's time per call (default: ${DEFAULT-VALUE})")
    long latencyMs;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "10",
            description = "the slow provider's limit and that job's --concurrency, 1 to 40 (default: ${DEFAULT-VALUE})")
    int limit;

    @CommandLine.Mixin
    SectionFiles files;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        require(!sizes.isEmpty() && sizes.stream().allMatch(size -> size >= 1 && size <= 10_000)
                && sizes.equals(sizes.stream().sorted().toList()), "--sizes must be job sizes from 1 to 10000, "
                + "smallest first, got " + sizes);
        require(limitedItems >= 1 && limitedItems <= 10_000, "--limited-items must be from 1 to 10000, got "
                + limitedItems);
        require(latencyMs >= 1 && latencyMs <= 10_000, "--latency-ms must be from 1 to 10000, got " + latencyMs);
        require(limit >= 1 && limit <= 40, "--limit must be from 1 to 40, got " + limit);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path work = Files.createTempDirectory("omni-bench-fleet-");
        double loadBefore = MachineInfo.loadAverage();
        FleetFigure figure = new FleetBench(sizes, limitedItems, Duration.ofMillis(latencyMs), limit, err)
                .measure(work);
        double loadAfter = MachineInfo.loadAverage();
        String wrote = files.write("fleet", FleetReport.SECTION,
                FleetReport.section(figure, loadBefore, loadAfter, GitCommit.describe()), figure);
        List<BenchResults.Target> targets = FleetReport.targets(figure);
        targets.forEach(target -> out.println(target.line("fleet: ")));
        out.println("wrote " + wrote);
        return targets.stream().allMatch(BenchResults.Target::met) ? 0 : 1;
    }

    private void require(boolean holds, String message) {
        if (!holds) {
            throw new CommandLine.ParameterException(spec.commandLine(), message);
        }
    }
}
