package dev.omniarchitect.local.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code omni bench provider-limit}: the provider-wide limit against fixed per-job lanes, in its section of BENCHMARKS.md. */
@Command(name = "provider-limit",
        mixinStandardHelpOptions = true,
        header = "Measures the provider-wide limit against fixed per-job lanes and writes its section of BENCHMARKS.md.",
        description = {
            "Runs " + ProviderLimitBench.JOBS + " jobs of " + ProviderLimitBench.ITEMS + " items at once through the"
                    + " local pipeline against a loopback provider",
            "(OpenAI's wire format) that takes 300 ms a call and answers 429 with Retry-After whenever more",
            "than 5 calls are in flight: first with the adaptive provider limit (ceiling 10), then with fixed",
            "per-job lanes (a ceiling so high it never binds). Reports the wall time against the ideal",
            "300 ms x ceil(300 / 5), the 429s received, the peak of calls in flight and the items lost or failed.",
            "Replaces only its own section of the report (a full ./omni bench keeps it) and writes the figures",
            "as JSON. Takes about a minute. Run it from the repository root.",
            ""},
        footer = {"", "Exit status: 0 every target met, 1 some target missed (the report says which), 2 bad",
            "arguments, 3 the bench itself could not be carried out (the message says why)."})
final class ProviderLimitCommand implements Callable<Integer> {

    @CommandLine.Mixin
    SectionFiles files;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        double loadBefore = MachineInfo.loadAverage();
        List<ProviderLimitFigure> figures = new ProviderLimitBench(spec.commandLine().getErr()).measure();
        double loadAfter = MachineInfo.loadAverage();
        String wrote = files.write("provider-limit", ProviderLimitReport.SECTION,
                ProviderLimitReport.section(figures, loadBefore, loadAfter, GitCommit.describe()), figures);
        List<BenchResults.Target> targets = ProviderLimitReport.targets(figures.get(0));
        targets.forEach(target -> out.println(target.line("provider limit: ")));
        for (ProviderLimitFigure figure : figures) {
            out.printf("%s: %.1f s (%.2f x ideal), %d calls, %d 429s, peak %d in flight, %d failed, %d lost%n",
                    figure.mode(), figure.wallMs() / 1000, figure.wallRatio(), figure.calls(), figure.throttled(),
                    figure.peakInFlight(), figure.failed(), figure.missing());
        }
        out.println("wrote " + wrote);
        return targets.stream().allMatch(BenchResults.Target::met) ? 0 : 1;
    }
}
