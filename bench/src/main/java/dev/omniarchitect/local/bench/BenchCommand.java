package dev.omniarchitect.local.bench;

import dev.omniarchitect.local.cli.ConcurrencyOption;
import dev.omniarchitect.local.cli.Subcommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code omni bench}: measures the figures of BENCHMARKS.md and writes it, with its chart. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        subcommands = {ProviderLimitCommand.class, FleetCommand.class},
        header = "Measures the figures of BENCHMARKS.md on this machine and writes the report and its chart.",
        description = {
            "Measures, on this machine, every figure of BENCHMARKS.md and writes it: fan-out efficiency",
            "(batches with the cache bypassed against a loopback provider with a fixed latency per call),",
            "cache hits (the same batches fully cached), each function's cold start in fresh JVMs (with and",
            "without its SnapStart priming), footprint (jar size, classes loaded, peak memory), the cost",
            "on paper of --cost-items items, and the local engine through ./omni itself (whole processes",
            "against ./omni --help, engine running and from nothing, where their time goes, and 12 uncached",
            "items on a fresh engine beside a warm one). Each figure is the median of --runs runs after --warmups",
            "unmeasured ones, and before them all, batches run until their times are steady (the JIT has",
            "compiled what it will). Run it from the repository root: it reads template.yaml, the sample",
            "batch and functions/target, and writes BENCHMARKS.md, the chart and the results as JSON.",
            "",
            "A full run takes about five minutes on two cores; --short takes about a minute and is for",
            "checking the command, not for quoting (N = 3 and 10, 2 runs, no warm-up, one JVM per",
            "cold-start figure): it writes under " + BenchCommand.SHORT_DIRECTORY + "/ unless --out, --chart or",
            "--results say otherwise, never over the tracked BENCHMARKS.md and chart.",
            "",
            "The provider-limit scenario and the jobs of 10,000 items run on their own: ./omni bench",
            "provider-limit and ./omni bench fleet (see their --help); each writes its own section of",
            "BENCHMARKS.md, which a full run keeps as it is.",
            ""},
        footer = {"", "Exit status: 0 every target met, 1 some target missed (the report says which), 2 bad",
            "arguments, 3 the bench itself could not be carried out (the message says why)."})
public final class BenchCommand implements Subcommand {

    /** Where a --short run writes its report, chart and results unless told otherwise. */
    static final String SHORT_DIRECTORY = "target/bench-short";

    @Option(names = "--sizes", paramLabel = "N,N...", split = ",", defaultValue = "3,10,30,100",
            description = "batch sizes of the fan-out and cache-hit figures (default: ${DEFAULT-VALUE})")
    List<Integer> sizes;

    @Option(names = "--runs", paramLabel = "R", defaultValue = "5",
            description = "measured runs behind each median (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--warmups", paramLabel = "W", defaultValue = "1",
            description = "unmeasured runs before each figure's measured ones; 0 also skips the batches run "
                    + "until times are steady (default: ${DEFAULT-VALUE})")
    int warmups;

    @Option(names = "--latency-ms", paramLabel = "L", defaultValue = "250",
            description = "the loopback provider's latency per call (default: ${DEFAULT-VALUE})")
    int latencyMs;

    @CommandLine.Mixin
    ConcurrencyOption concurrency;

    @Option(names = "--jvms", paramLabel = "J", defaultValue = "5",
            description = "fresh JVMs behind each cold-start median (default: ${DEFAULT-VALUE})")
    int jvms;

    @Option(names = "--footprint-items", paramLabel = "N", defaultValue = "100",
            description = "items of the batches whose peak memory is measured (default: ${DEFAULT-VALUE})")
    int footprintItems;

    @Option(names = "--cost-items", paramLabel = "N", defaultValue = "10000",
            description = "items the cost is quoted for, in jobs of up to 10,000 (one Distributed Map each), priced "
                    + "from a metered job of the largest size (default: ${DEFAULT-VALUE})")
    int costItems;

    @Option(names = "--short", description = "a quick check: N = 3 and 10, 2 runs, no warm-up, 1 JVM per cold-start "
            + "figure, footprint batches of 10; options given explicitly still win")
    boolean quick;

    @Option(names = "--label", paramLabel = "TEXT", defaultValue = "the code as measured",
            description = "what this run measures, shown when a later run uses it as --baseline")
    String label;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "BENCHMARKS.md",
            description = "the report (default: ${DEFAULT-VALUE})")
    Path report;

    @Option(names = "--chart", paramLabel = "FILE", defaultValue = "docs/bench/fanout.png",
            description = "the chart, PNG (default: ${DEFAULT-VALUE})")
    Path chart;

    @Option(names = "--results", paramLabel = "FILE", defaultValue = "docs/bench/results.json",
            description = "the figures as JSON (default: ${DEFAULT-VALUE})")
    Path results;

    @Option(names = "--baseline", paramLabel = "FILE", defaultValue = "docs/bench/before.json",
            description = "an earlier run's results, shown as \"before\" when the file exists (default: ${DEFAULT-VALUE})")
    Path baseline;

    @Option(names = "--sample", paramLabel = "FILE", defaultValue = "events/batch-request.json",
            description = "the batch whose items are the typical item (default: ${DEFAULT-VALUE})")
    Path sample;

    @Option(names = "--template", paramLabel = "FILE", defaultValue = "template.yaml",
            description = "the SAM template: MemorySize and JVM options (default: ${DEFAULT-VALUE})")
    Path template;

    @Option(names = "--functions-target", paramLabel = "DIR", defaultValue = "functions/target",
            description = "the functions build: its jar and runtime-classpath.txt (default: ${DEFAULT-VALUE})")
    Path functionsTarget;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        BenchSettings settings = settings();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        BenchResults before = Files.isRegularFile(baseline) ? BenchResults.read(baseline) : null;
        BenchResults now = new Benchmark(settings, label, err).run();
        FanOutChart.write(now.fanOut(), chart);
        BenchFiles.write(results, now.toJson());
        String markdown = new BenchReport(now, before, new BenchFiles(report, chart, results, baseline),
                TemplateSettings.read(template)).markdown();
        // The provider-limit and fleet sections are their own commands': kept as those commands last wrote them.
        String earlier = Files.isRegularFile(report) ? Files.readString(report, StandardCharsets.UTF_8) : "";
        BenchFiles.write(report, FleetReport.SECTION.keep(earlier, ProviderLimitReport.SECTION.keep(earlier, markdown)));
        List<BenchResults.Target> targets = now.targets();
        targets.forEach(target -> out.println(target.line("")));
        out.println("wrote " + report + ", " + chart + ", " + results);
        return targets.stream().allMatch(BenchResults.Target::met) ? 0 : 1;
    }

    private BenchSettings settings() {
        CommandLine.ParseResult given = spec.commandLine().getParseResult();
        if (quick) {
            sizes = given.hasMatchedOption("--sizes") ? sizes : List.of(3, 10);
            runs = given.hasMatchedOption("--runs") ? runs : 2;
            warmups = given.hasMatchedOption("--warmups") ? warmups : 0;
            jvms = given.hasMatchedOption("--jvms") ? jvms : 1;
            footprintItems = given.hasMatchedOption("--footprint-items") ? footprintItems : 10;
            // A check run's figures are not for quoting: the tracked report and chart stay as they are.
            Path directory = Path.of(SHORT_DIRECTORY);
            report = given.hasMatchedOption("--out") ? report : directory.resolve("BENCHMARKS.md");
            chart = given.hasMatchedOption("--chart") ? chart : directory.resolve("fanout.png");
            results = given.hasMatchedOption("--results") ? results : directory.resolve("results.json");
        }
        require(!sizes.isEmpty() && sizes.stream().allMatch(size -> size >= 1 && size <= 100),
                "--sizes must be batch sizes from 1 to 100, got " + sizes);
        require(runs >= 1 && runs <= 100, "--runs must be from 1 to 100, got " + runs);
        require(warmups >= 0 && warmups <= 20, "--warmups must be from 0 to 20, got " + warmups);
        require(latencyMs >= 0 && latencyMs <= 10_000, "--latency-ms must be from 0 to 10000, got " + latencyMs);
        require(jvms >= 1 && jvms <= 50, "--jvms must be from 1 to 50, got " + jvms);
        require(footprintItems >= 2 && footprintItems <= 100, "--footprint-items must be from 2 to 100, got "
                + footprintItems);
        require(costItems >= 1, "--cost-items must be at least 1, got " + costItems);
        require(Files.isRegularFile(sample), "no sample batch at " + sample + " (--sample; run from the repository root)");
        require(Files.isRegularFile(template), "no SAM template at " + template
                + " (--template; run from the repository root)");
        return new BenchSettings(sizes.stream().distinct().sorted().toList(), runs, warmups,
                Duration.ofMillis(latencyMs), concurrency.value(), jvms, footprintItems, costItems, sample, template,
                functionsTarget, quick);
    }

    private void require(boolean holds, String message) {
        if (!holds) {
            throw new CommandLine.ParameterException(spec.commandLine(), message);
        }
    }
}
