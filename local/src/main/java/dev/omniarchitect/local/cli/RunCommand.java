package dev.omniarchitect.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.batch.BatchOverrides;
import dev.omniarchitect.batch.CacheMode;
import dev.omniarchitect.batch.DocumentFormat;
import dev.omniarchitect.batch.InvalidBatchException;
import dev.omniarchitect.batch.Violation;
import dev.omniarchitect.job.JobRecord;
import dev.omniarchitect.local.engine.EngineLauncher;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code omni run FILE}: runs a batch document through the local pipeline. */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        header = "Runs a batch document on this machine and writes the generated files.",
        description = {
            "Runs the batch document FILE through the real state machine on this machine: at most",
            "--concurrency provider calls in flight, every answer cached in DynamoDB Local in the data",
            "directory (so a second run is instant), one job record at the end. The job runs in the data",
            "directory's local engine: the first run starts it in the background (saying so on stderr),",
            "later runs reuse it (see omni engine --help). The document is checked before any engine starts",
            "(by the engine itself when one runs already, with the same messages).",
            "",
            "While it runs, a progress line on stderr shows done/total, cached, failed and elapsed time.",
            "At the end the files are written under DIR/<jobId>/<itemId>/ and a summary table is printed",
            "(or, with --json, the job record on stdout, each item with its cacheKey). Every item's validation",
            "findings also go to DIR/<jobId>/findings.json. A security-review item that finds problems has",
            "succeeded: the table counts its findings by severity and lists them. A job holds up to 10,000",
            "items; one of more than 200 lists only the items that did not succeed and, beyond 200 files,",
            "says where they went; its files are written as the engine sends the record, 500 items at a time.",
            "",
            "FILE is read as UTF-8 (a byte order mark is fine); - reads standard input. What is wrong with",
            "the file, --out, the options or OMNI_DEFAULT_PROVIDER is reported before any provider is called.",
            "A file named *.jsonl or *.ndjson (or any FILE with --jsonl) is JSON Lines: one item a line, and",
            "optionally a first line of the document's own fields (provider, model, fallback, options, mode,",
            "clientToken), told from an item by having no id, kind or prompt; problems name their line.",
            "",
            "With no AI key set, items use the offline blueprint provider. Provider settings come from the",
            "environment (see omni providers): OMNI_DEFAULT_PROVIDER, OPENAI_API_KEY, ANTHROPIC_API_KEY, ... Set",
            "AWS_ENDPOINT_URL_DYNAMODB to use another DynamoDB instead of the embedded one; the engine runs",
            "with the settings of the command that started it. The functions' JSON logs go to",
            "DIR/logs/omni.log. OMNI_TIMINGS=1 prints where the run's time went.",
            ""},
        footer = {"", "Exit status: 0 every item succeeded, 1 some items failed or came back invalid,",
            "2 bad document or arguments,",
            "3 the run itself could not be carried out (the message says why)."})
final class RunCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "the batch document (JSON, UTF-8); - reads it from standard input")
    String file;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out",
            description = "where files are written, a directory; checked before any work (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--json", description = "print the job record as JSON on stdout instead of the table")
    boolean json;

    @Option(names = "--jsonl", description = "read FILE as JSON Lines, whatever its name (the default for *.jsonl "
            + "and *.ndjson)")
    boolean jsonLines;

    @Option(names = "--provider", paramLabel = "P", completionCandidates = ProviderNames.class,
            description = "use provider P and its default model for every item, whatever the document says: "
                    + "one of ${COMPLETION-CANDIDATES}")
    String provider;

    @CommandLine.Mixin
    ConcurrencyOption concurrency;

    @CommandLine.ArgGroup(exclusive = true)
    CacheChoice cacheChoice;

    @CommandLine.Mixin
    DataDirOption dataDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Map<String, String> environment;

    RunCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    static final class CacheChoice {
        @Option(names = "--refresh", description = "call the provider for every item and overwrite the cache")
        boolean refresh;

        @Option(names = "--no-cache", description = "neither read nor write the cache")
        boolean noCache;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        ClientTimings timings = ClientTimings.from(environment);
        Optional<String> outProblem = OutputDirectory.problem(out);
        if (outProblem.isPresent()) {
            stderr.println("omni: " + outProblem.get());
            return ExitStatus.BAD_INPUT;
        }
        Optional<String> input = InputFile.read(file, System.in, stderr);
        if (input.isEmpty()) {
            return ExitStatus.BAD_INPUT;
        }
        String document = input.get();
        EngineRun run = new EngineRun(new EngineLauncher(dataDir.resolve(environment), environment, stderr));
        // With an engine running, the engine checks the document (with the same parser) as it takes it, but an
        // unknown OMNI_DEFAULT_PROVIDER is still this command's own fault; without one, a bad document is refused
        // here (the default provider with it), before any engine or store starts.
        boolean engineRunning = run.connectToRunning();
        if (engineRunning) {
            DocumentCheck.defaultProvider(environment);
        } else {
            try {
                DocumentCheck.parse(document, format(), overrides(), environment);
            } catch (InvalidBatchException e) {
                printViolations(e.violations(), stderr);
                return ExitStatus.BAD_INPUT;
            }
        }
        timings.mark("check");
        if (!engineRunning) {
            run.connect();
        }
        timings.mark("connect");
        JsonNode job;
        try {
            BatchOverrides overrides = overrides();
            job = run.submit(document, format(), overrides.provider(),
                    overrides.cache() == null ? null : overrides.cache().name(), concurrency.value());
        } catch (EngineRun.Refused refused) {
            printViolations(refused.violations(), stderr);
            return ExitStatus.BAD_INPUT;
        }
        ClientWarmUp.recordReader();
        job.path("warnings").forEach(warning -> stderr.println(warning.asText()));
        timings.mark("submit");
        EngineRun.Ended ended;
        try (ProgressLine progress = new ProgressLine(stderr, System.console() != null)) {
            progress.start(job.path("total").asInt());
            ended = run.follow(job.path("jobId").asText(), progress);
            progress.finish();
        }
        timings.mark("job");
        JobRecord record = ended.record();
        if ("FAILED".equals(ended.executionStatus())) {
            stderr.println("omni: the execution failed: " + ended.executionError() + ": " + ended.executionCause());
        }
        output(run, record, stdout);
        timings.mark("output");
        timings.print(stderr);
        return record.summary() != null && record.summary().succeeded() == record.summary().total()
                ? ExitStatus.OK : ExitStatus.SOME_FAILED;
    }

    /**
     * Writes the job's files and prints its table (or its record as JSON), a page of the record at a time: the
     * engine sends a large job's record in pages, and none is kept once its files are written.
     */
    private void output(EngineRun run, JobRecord first, PrintWriter stdout) throws IOException {
        JobFilesWriter files = new JobFilesWriter(out, first.jobId());
        SummaryTable table = new SummaryTable(stdout);
        RecordJsonOutput record = json ? new RecordJsonOutput(stdout) : null;
        if (record != null) {
            record.start(first);
        }
        int total = first.progress().total();
        int from = 0;
        JobRecord page = first;
        while (true) {
            files.write(page);
            if (record != null) {
                record.add(page);
            } else {
                table.add(page);
            }
            from += page.itemStates().size();
            if (from >= total || page.itemStates().isEmpty()) {
                break;
            }
            page = run.page(first.jobId(), from);
        }
        JobFilesWriter.Written written = files.finish();
        if (record != null) {
            record.finish();
        } else {
            table.print(first, written);
        }
    }

    private DocumentFormat format() {
        return jsonLines ? DocumentFormat.JSON_LINES : DocumentFormat.ofFileName(file);
    }

    /** Faults of the command's options first, in their own words, then those of the document. */
    private void printViolations(List<Violation> violations, PrintWriter stderr) {
        List<Violation> options = violations.stream().filter(v -> v.field().startsWith("--")).toList();
        List<Violation> document = violations.stream().filter(v -> !v.field().startsWith("--")).toList();
        options.forEach(violation -> stderr.println("omni: option " + violation.field() + ": " + violation.message()));
        if (!document.isEmpty()) {
            stderr.println("omni: " + (InputFile.STDIN.equals(file) ? "standard input" : file)
                    + " is not a valid batch document:");
            document.forEach(violation -> stderr.println("  " + violation.field() + ": " + violation.message()));
        }
    }

    private BatchOverrides overrides() {
        CacheMode cache = cacheChoice == null ? null
                : cacheChoice.refresh ? CacheMode.REFRESH
                : cacheChoice.noCache ? CacheMode.BYPASS : null;
        return new BatchOverrides(provider, cache);
    }
}
