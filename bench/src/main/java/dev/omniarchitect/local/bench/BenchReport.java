package dev.omniarchitect.local.bench;

import static dev.omniarchitect.local.bench.BenchResults.format;

import java.util.List;
import java.util.Optional;

/**
 * BENCHMARKS.md, written from one run's figures (and an earlier run's, shown as "before"): the method,
 * the machine, every figure, the chart, the targets and how to reproduce. Nothing in it is typed by
 * hand; the prose states only what the code and the figures say.
 */
final class BenchReport {

    private final BenchResults now;
    private final BenchResults before;
    private final String chartLink;
    private final String resultsLink;
    private final String baselineLink;
    private final TemplateSettings template;
    private final StringBuilder out = new StringBuilder();

    /**
     * @param before  an earlier run's results; null for none
     * @param files   where the report, the chart, the results and the baseline are
     */
    BenchReport(BenchResults now, BenchResults before, BenchFiles files, TemplateSettings template) {
        this.now = now;
        this.before = before;
        this.chartLink = files.fromReport(files.chart());
        this.resultsLink = files.fromReport(files.results());
        this.baselineLink = files.fromReport(files.baseline());
        this.template = template;
    }

    String markdown() {
        header();
        targets();
        beforeAndAfter();
        fanOut();
        cacheHits();
        coldStart();
        footprint();
        engineBurst();
        cost();
        out.append(EngineReport.markdown(now.engine(), before == null ? null : before.engine()));
        method();
        return out.toString();
    }

    private void header() {
        out.append("# Benchmarks\n\n");
        out.append("Written by `./omni bench` on ").append(now.measuredAt()).append(" from commit `")
                .append(now.commit()).append("`").append(now.quick() ? " (**short run: not for quoting**)" : "")
                .append(". Every figure below comes from that command; to change this file, run it again.\n\n");
        out.append(format("```bash%n"
                + "./omni bench          # every figure, this file and the chart (this run: %d min %02d s)%n"
                + "./omni bench --help   # sizes, runs, latency, where the files go%n```%n%n",
                now.seconds() / 60, now.seconds() % 60));
        MachineInfo machine = now.machine();
        out.append("Measured on: ").append(machine.cores()).append(" cores (").append(machine.cpu()).append("), ")
                .append(machine.memoryMb() < 0 ? "unknown" : format("%,d MB", machine.memoryMb()))
                .append(" of memory, ").append(machine.os()).append(", ").append(machine.jdk()).append(". Medians of ")
                .append(now.runs()).append(" runs after ").append(now.warmups()).append(" warm-up run")
                .append(now.warmups() == 1 ? "" : "s").append("; cold starts: medians of ").append(now.jvms())
                .append(" fresh JVMs. ").append(load()).append(" The method is at the end.\n\n");
        if (before != null) {
            out.append("\"Before\" columns: ").append(before.label()).append(", measured ").append(before.measuredAt())
                    .append(" from commit `").append(before.commit()).append("` on the same kind of run.\n\n");
        }
    }

    private String load() {
        if (now.loadBefore() < 0) {
            return "";
        }
        return format("The machine's one-minute load average was %.2f when the run started and %.2f when it ended "
                + "(other work on it slows every figure down).", now.loadBefore(), now.loadAfter());
    }

    private void targets() {
        out.append("## Targets\n\n");
        BenchResults.Target.appendTable(out, "figure", now.targets());
    }

    /** The figures the changes were made for, this run against the baseline run. */
    private void beforeAndAfter() {
        if (before == null) {
            return;
        }
        out.append("## Before and after\n\n");
        out.append("Before: ").append(before.label()).append(" (").append(before.measuredAt()).append(", `")
                .append(before.commit()).append("`). After: this run. A function's first invocation before is the "
                        + "baseline's unprimed one; after, it is this run's primed one, as SnapStart serves it (the "
                        + "cold-start table below compares primed with unprimed within this run). The fan-out, cache "
                        + "and cost rows compare the whole tree then and now.\n\n");
        MarkdownTable table = new MarkdownTable("figure", "before>", "after>");
        for (String function : TemplateSettings.FUNCTIONS) {
            Optional<ColdStartFigure> old = before.coldStart(function, false);
            Optional<ColdStartFigure> primed = now.coldStart(function, true);
            if (old.isPresent() && primed.isPresent()) {
                table.row(function + ": first invocation", ms(old.get().firstInvocationMs()),
                        ms(primed.get().firstInvocationMs()));
                table.row(function + ": classes loaded by it", format("%,d", old.get().classesByFirstInvocation()),
                        format("%,d", primed.get().classesByFirstInvocation()));
            }
        }
        Optional<CostFigure.FunctionSeconds> oldCalls = providerCallSeconds(before);
        Optional<CostFigure.FunctionSeconds> newCalls = providerCallSeconds(now);
        if (oldCalls.isPresent() && newCalls.isPresent()) {
            table.row(format("ProviderCallFunction: GB-seconds of %,d misses", now.cost().items()),
                    format("%.1f at %,d MB", oldCalls.get().gbSeconds(), oldCalls.get().memoryMb()),
                    format("%.1f at %,d MB", newCalls.get().gbSeconds(), newCalls.get().memoryMb()));
        }
        for (FanOutFigure figure : now.fanOut()) {
            before.fanOut(figure.items()).ifPresent(old -> table.row("fan-out N=" + figure.items()
                    + ": measured / ideal", format("%.2f", old.efficiency()), format("%.2f", figure.efficiency())));
        }
        for (CacheHitFigure figure : now.cacheHits()) {
            before.cacheHits(figure.items()).ifPresent(old -> {
                table.row("cache hits N=" + figure.items() + ": batch wall", ms(old.medianWallMs()),
                        ms(figure.medianWallMs()));
                table.row("cache hits N=" + figure.items() + ": cache read p50", ms(old.readP50Ms()),
                        ms(figure.readP50Ms()));
            });
        }
        table.appendTo(out);
    }

    private static Optional<CostFigure.FunctionSeconds> providerCallSeconds(BenchResults results) {
        return results.cost() == null || results.cost().cases().isEmpty() ? Optional.empty()
                : results.cost().cases().get(0).functions().stream()
                        .filter(function -> function.function().equals("ProviderCallFunction")).findFirst();
    }

    private void fanOut() {
        out.append("## Fan-out efficiency\n\n");
        out.append(format("Batches of N items, cache bypassed, every provider call taking L = %d ms, MaxConcurrency %d, "
                + "timed from the submit to the job record in hand. Sequential is N x L; ideal is ceil(N / %d) x L, "
                + "what %d calls in flight allow with no overhead at all. Execution alone is the state machine's "
                + "execution (the Map and the aggregation), without storing the job before it and reading the "
                + "record after it.%n%n", now.latencyMs(), now.maxConcurrency(),
                now.maxConcurrency(), now.maxConcurrency()));
        MarkdownTable table = before == null
                ? new MarkdownTable("N>", "sequential>", "ideal>", "measured>", "measured / ideal>", "speedup>",
                        "ideal speedup>", "execution alone>", "calls in flight at most>")
                : new MarkdownTable("N>", "sequential>", "ideal>", "measured>", "measured / ideal>", "speedup>",
                        "ideal speedup>", "execution alone>", "calls in flight at most>", "before: measured>");
        for (FanOutFigure figure : now.fanOut()) {
            String[] cells = {Integer.toString(figure.items()), ms(figure.sequentialMs()), ms(figure.idealMs()),
                ms(figure.medianWallMs()), format("%.2f", figure.efficiency()), format("%.2fx", figure.speedup()),
                format("%.2fx", figure.idealSpeedup()), ms(figure.medianExecutionMs()),
                Integer.toString(figure.peakInFlight())};
            table.row(before == null ? cells : append(cells,
                    before.fanOut(figure.items()).map(old -> ms(old.medianWallMs())).orElse("-")));
        }
        table.appendTo(out);
        out.append("![Batch wall time against batch size](").append(chartLink).append(")\n\n");
    }

    private void cacheHits() {
        out.append("## Cache hits\n\n");
        out.append(format("The same batches with every item already in the cache, through the whole pipeline. A cache "
                + "read is one item's entry read through the functions' own cache store, exactly as a hit reads it "
                + "(GetItem on DynamoDB Local, decompression, JSON; the hit counter is raised beside the item's "
                + "other work, not in the read), one read at a time, every item's entry round after round: at least "
                + "%d reads per size. An item in the pipeline is ProviderCallFunction's own measure of a cached item "
                + "(its request, its cache read, its result stored while the hit is counted).%n%n",
                CacheHitBench.MIN_READS));
        MarkdownTable table = before == null
                ? new MarkdownTable("N>", "batch wall>", "cache read p50>", "cache read p99>", "item p50>", "item p99>")
                : new MarkdownTable("N>", "batch wall>", "cache read p50>", "cache read p99>", "item p50>", "item p99>",
                        "before: batch wall>", "before: read p50>");
        for (CacheHitFigure figure : now.cacheHits()) {
            String[] cells = {Integer.toString(figure.items()), ms(figure.medianWallMs()), ms(figure.readP50Ms()),
                ms(figure.readP99Ms()), ms(figure.itemP50Ms()), ms(figure.itemP99Ms())};
            Optional<CacheHitFigure> old = before == null ? Optional.empty() : before.cacheHits(figure.items());
            table.row(before == null ? cells : append(append(cells, old.map(o -> ms(o.medianWallMs())).orElse("-")),
                    old.map(o -> ms(o.readP50Ms())).orElse("-")));
        }
        table.appendTo(out);
    }

    private void coldStart() {
        out.append("## Cold start\n\n");
        BareJvmFigure bare = now.bareJvm();
        out.append(format("Each figure is the median of %d fresh JVMs per function, started with the template's "
                + "JAVA_TOOL_OPTIONS, the serial collector and -XX:MaxRAM set to the function's MemorySize (how the "
                + "JVM sizes itself in a container that size), on the deployment's class path. Init is Lambda's Init "
                + "phase: the handler class loaded and its constructor run, which builds every client. Priming is "
                + "the function's SnapStart hooks (beforeCheckpoint, then afterRestore), run where SnapStart runs "
                + "them, before the snapshot; with SnapStart, a cold request meets the restore and then the first "
                + "invocation, never Init or priming. Invocations run against DynamoDB Local and the loopback "
                + "provider (latency 0 here): ProviderCallFunction generates two items, each a cache miss; "
                + "AggregateFunction aggregates a job twice; ApiFunction takes a POST of a batch, then a GET of a "
                + "finished job. The second invocation shows the function warm.%n%n", now.jvms()));
        out.append(format("Baseline: a bare JVM with the same options reaches main() %s after its launch and has "
                + "exited %s after it, having loaded %,d classes.%n%n", ms(bare.startMs()), ms(bare.lifetimeMs()),
                bare.classes()));
        MarkdownTable table = before == null
                ? new MarkdownTable("function", "primed", "JVM start>", "Init>", "priming>", "first invocation>",
                        "second invocation>", "classes at Init>", "classes by priming>", "classes by 1st invocation>")
                : new MarkdownTable("function", "primed", "JVM start>", "Init>", "priming>", "first invocation>",
                        "second invocation>", "classes at Init>", "classes by priming>", "classes by 1st invocation>",
                        "before: first invocation>", "before: classes by 1st invocation>");
        for (ColdStartFigure figure : now.coldStarts()) {
            String[] cells = {figure.function(), figure.primed() ? "yes (" + figure.hooks() + " hook"
                    + (figure.hooks() == 1 ? "" : "s") + ")" : "no", ms(figure.jvmStartMs()), ms(figure.initMs()),
                figure.primed() ? ms(figure.primingMs()) : "-", ms(figure.firstInvocationMs()),
                ms(figure.secondInvocationMs()), format("%,d", figure.classesAtInit()),
                figure.primed() ? format("%,d", figure.classesByPriming()) : "-",
                format("%,d", figure.classesByFirstInvocation())};
            if (before != null) {
                // The code before priming existed had nothing to prime: its unprimed figure is its only one.
                Optional<ColdStartFigure> old = before.coldStart(figure.function(), false);
                cells = append(append(cells, old.map(o -> ms(o.firstInvocationMs())).orElse("-")),
                        old.map(o -> format("%,d", o.classesByFirstInvocation())).orElse("-"));
            }
            table.row(cells);
        }
        table.appendTo(out);
        out.append("What a primed function still loads on its first invocation is what only a real request "
                + "reaches: records that exist, writes that succeed, an execution started, a call to a provider, "
                + "a new job id.\n\n");
        out.append("What a function primes, in `functions/src/main/java/dev/omniarchitect/runtime/FunctionPriming.java`, "
                + "registered by each handler's Lambda constructor with `org.crac`: Jackson on the function's own "
                + "event, outcome and record types; its own handler on requests it refuses or jobs it cannot find; "
                + "the SDK clients' request path, with reads of keys that do not exist, writes conditional on items "
                + "that do not exist (so DynamoDB refuses them) and, for ApiFunction, a StartExecution of a state "
                + "machine alias that does not exist; the provider path (prompt, cache key, answer parsing, "
                + "validation of the files' kind, compression, error mapping) without any network call to a "
                + "provider. It creates no ids, keys or other unique values, which must be made per request after "
                + "a restore.\n\n");
    }

    private void footprint() {
        FootprintFigure footprint = now.footprint();
        out.append("## Footprint\n\n");
        out.append("- The functions jar: ").append(bytes(footprint.functionsJarBytes())).append('.');
        if (footprint.deploymentBytes() > 0) {
            out.append(" With its ").append(footprint.dependencyJars()).append(" runtime dependency jars, the "
                    + "deployment package holds ").append(bytes(footprint.deploymentBytes())).append(".");
        }
        out.append('\n');
        out.append("- The probes ran on ").append(footprint.classpathAsDeployed()
                ? "the deployment's class path (functions/target/runtime-classpath.txt)"
                : "this JVM's class path, the local runtime's jars included (functions/target/runtime-classpath.txt "
                        + "was missing)").append(".\n");
        out.append(format("- One JVM running a %d-item batch through the whole local pipeline (DynamoDB Local "
                + "embedded, JVM options: %s) peaks at %.0f MB resident. That batch, the fresh JVM's first, with "
                + "every item a miss answered at once, takes %s: the JIT has compiled nothing yet, which is why "
                + "the figures above come after warm-up runs.%n%n", footprint.localBatchItems(),
                footprint.localBatchJvmOptions(), footprint.localBatchPeakRssMb(),
                ms(footprint.localBatchWallMs())));
        out.append("Each function's peak resident memory over a batch's worth of its work, primed, in one JVM sized "
                + "as its MemorySize's container, and the MemorySize that follows from it. ")
                .append(format("The rule (`MemorySizing`): Lambda gives CPU in proportion to memory and bills "
                        + "GB-seconds, so a function with a real share of the GB-seconds gets the smallest size with "
                        + "room for twice its peak, at least %d MB; one with under %.0f%% of them gets at least "
                        + "%,d MB, for CPU, because it costs next to nothing and its latency is waited on.%n%n",
                        MemorySizing.FLOOR_MB, MemorySizing.RARE_SHARE * 100, MemorySizing.RARE_FUNCTION_MB));
        CostFigure.CostCase miss = now.cost().cases().get(0);
        MarkdownTable table = new MarkdownTable("function", "work", "peak RSS>", "share of GB-seconds (misses)>",
                "MemorySize from the figures>", "template.yaml>");
        for (FootprintFigure.FunctionFootprint function : footprint.functions()) {
            double share = miss.functions().stream().filter(f -> f.function().equals(function.function()))
                    .mapToDouble(CostFigure.FunctionSeconds::gbSeconds).sum() / miss.lambdaGbSeconds();
            int recommended = MemorySizing.recommend(function.peakRssMb(), share);
            int actual = template.memorySizeMb(function.function());
            table.row(function.function(), function.work(), format("%.0f MB", function.peakRssMb()),
                    format("%.1f%%", share * 100), format("%,d MB", recommended),
                    format("%,d MB", actual) + (recommended == actual ? "" : " (**differs**)"));
        }
        table.appendTo(out);
    }

    private void cost() {
        CostFigure cost = now.cost();
        AwsPrices prices = cost.awsPrices();
        out.append("## Cost on paper\n\n");
        out.append(format("%,d items in %,d job(s) (a Distributed Map of up to 10,000 items each), priced from a "
                        + "metered job of %,d, at AWS list prices for %s checked %s (`aws-prices.json`), %s, the "
                        + "template's MemorySize. Lambda: one request per invocation, the median measured duration "
                        + "rounded up to the millisecond; ApiFunction is one POST per job and a GET per page of up to "
                        + "1,000 of its items; AggregateFunction's time grows with the job from the metered one's. "
                        + "Step Functions: %d transitions per job and %d per item (%d when an item fails: a child "
                        + "execution's start and its states), counted from the definition; retries would add more. "
                        + "DynamoDB: the request units DynamoDB Local reported for the metered job, submit to GET, per "
                        + "item, every item a miss and then every item a hit. S3: %d PUTs and %d GETs per job (the items "
                        + "file; the Map Run's results and manifest). Free tiers, CloudWatch Logs, X-Ray, S3 storage "
                        + "(objects expire with the job) and data transfer are left out.%n%n", cost.items(), cost.jobs(),
                cost.batchSize(), prices.region(), prices.checked(), cost.architecture(), cost.transitions().perJob(),
                cost.transitions().perItem(), cost.transitions().perFailedItem(), CostModel.S3_PUTS_PER_JOB,
                CostModel.S3_GETS_PER_JOB));
        List<CostFigure.CostCase> cases = cost.cases();
        MarkdownTable table = new MarkdownTable("", cases.get(0).name() + ">", cases.get(1).name() + ">");
        table.row("Lambda requests", count(cases.get(0).lambdaRequests()), count(cases.get(1).lambdaRequests()));
        for (int i = 0; i < cases.get(0).functions().size(); i++) {
            CostFigure.FunctionSeconds miss = cases.get(0).functions().get(i);
            CostFigure.FunctionSeconds hit = cases.get(1).functions().get(i);
            table.row("GB-seconds, " + miss.function() + format(" (%,d MB)", miss.memoryMb()),
                    format("%.1f (%,d x %d ms)", miss.gbSeconds(), miss.invocations(), miss.billedMs()),
                    format("%.1f (%,d x %d ms)", hit.gbSeconds(), hit.invocations(), hit.billedMs()));
        }
        table.row("Step Functions state transitions", count(cases.get(0).stateTransitions()),
                count(cases.get(1).stateTransitions()));
        table.row("DynamoDB read request units", format("%,.1f", cases.get(0).readUnits()),
                format("%,.1f", cases.get(1).readUnits()));
        table.row("DynamoDB write request units", format("%,.1f", cases.get(0).writeUnits()),
                format("%,.1f", cases.get(1).writeUnits()));
        table.row("API Gateway requests", count(cases.get(0).apiRequests()), count(cases.get(1).apiRequests()));
        table.row("S3 requests (PUT + GET)", s3Requests(cases.get(0)), s3Requests(cases.get(1)));
        table.row("Lambda", usd(cases.get(0).lambdaUsd()), usd(cases.get(1).lambdaUsd()));
        table.row("Step Functions", usd(cases.get(0).stepFunctionsUsd()), usd(cases.get(1).stepFunctionsUsd()));
        table.row("DynamoDB", usd(cases.get(0).dynamoDbUsd()), usd(cases.get(1).dynamoDbUsd()));
        table.row("API Gateway", usd(cases.get(0).apiGatewayUsd()), usd(cases.get(1).apiGatewayUsd()));
        table.row("S3", usdOrUnknown(cases.get(0).s3Usd()), usdOrUnknown(cases.get(1).s3Usd()));
        table.row("**AWS, without the provider**", "**" + usd(cases.get(0).awsUsd()) + "**",
                "**" + usd(cases.get(1).awsUsd()) + "**");
        table.row("AI provider (" + cost.providerModel() + ")", usdOrUnknown(cases.get(0).providerUsd()),
                usdOrUnknown(cases.get(1).providerUsd()));
        table.appendTo(out);
        TypicalItem typical = now.typical();
        out.append(format("The provider's share is for a typical item: the %d items of `%s`, whose prompts with "
                        + "their kind's system prompt come to about %,d input tokens and whose files, as the offline "
                        + "blueprint provider writes them, to about %,d output tokens (at %d characters per token), at "
                        + "the provider price table checked %s: %s per item. A miss's ProviderCallFunction time above "
                        + "includes the loopback provider's %d ms; each further second a real provider takes adds "
                        + "%s to the %,d items' Lambda bill.%n%n", typical.items(), typical.sample(),
                typical.inputTokens(), typical.outputTokens(), TokenEstimate.CHARS_PER_TOKEN,
                cost.providerPricesChecked(), usdOrUnknown(cost.providerPerItemUsd()), now.latencyMs(),
                usd(cost.providerSecondUsd()), cost.items()));
    }

    private static String s3Requests(CostFigure.CostCase cost) {
        return cost.s3PutRequests() == null ? "-"
                : format("%,d + %,d", cost.s3PutRequests(), cost.s3GetRequests());
    }

    private void engineBurst() {
        EngineBurstFigure burst = now.engineBurst();
        if (burst == null) {
            return;
        }
        out.append("## The engine under a burst\n\n");
        out.append(format("`omni serve` in its own JVM (JVM options: %s) on a fresh data directory, its provider the "
                + "loopback server above: %d `POST /v1/generations` of %d items each (cache bypassed), %d in flight, "
                + "against its default of %d executions at once (`OMNI_MAX_EXECUTIONS`).%n%n", burst.jvmOptions(),
                burst.posts(), burst.itemsPerJob(), burst.inFlight(), burst.executionLimit()));
        MarkdownTable table = new MarkdownTable("202 accepted>", "429>", "503>", "other>",
                "refusals without Retry-After>", "accepted jobs ended SUCCEEDED>", "burst answered in>",
                "last job ended after>", "engine peak RSS>");
        table.row(count(burst.accepted()), count(burst.tooMany()), count(burst.unavailable()), count(burst.other())
                        + (burst.other() == 0 ? "" : " (" + burst.otherStatuses() + ")"),
                count(burst.withoutRetryAfter()), count(burst.acceptedEnded()), ms(burst.burstWallMs()),
                ms(burst.drainWallMs()), format("%.0f MB", burst.peakRssMb()));
        table.appendTo(out);
        out.append("A refused submission stores nothing: its job record is deleted before the answer (README, "
                + "\"Backpressure\"). Peak RSS is the engine process's VmHWM once every accepted job has ended.\n\n");
    }

    private void method() {
        out.append("## Method\n\n");
        out.append("- Everything runs in one JVM except the cold-start and footprint probes: the real state machine "
                + "definition (statemachine/generate.asl.json) executed by the local executor, the real Lambda "
                + "handlers invoked with the JSON bytes Lambda would pass, DynamoDB Local embedded in memory and "
                + "reached over HTTP by the same async SDK clients on one Netty client as in AWS.\n");
        out.append(format("- The AI provider is a loopback HTTP server speaking OpenAI's Chat Completions format "
                + "that answers every call after exactly %d ms with the files the offline blueprint provider "
                + "writes for an item of the requested kind (so the functions' checks pass them and ask for no "
                + "repair); its replies are scheduled, not slept, so waiting calls cost it no threads.%n",
                now.latencyMs()));
        if (now.warmUpBatches() > 0) {
            out.append(format("- Before anything was measured, %d batches of %d items ran with the provider answering at "
                    + "once, misses and hits in turn, until the last %d of each kind took within %.0f%% of one "
                    + "another: the JIT compiles the pipeline, the SDK and DynamoDB Local over thousands of "
                    + "requests. Then each figure's own warm-up runs, and the measured runs.%n", now.warmUpBatches(),
                    now.fanOut().stream().mapToInt(FanOutFigure::items).max().orElse(0), Benchmark.STEADY_BATCHES,
                    Benchmark.STEADY_SPREAD * 100));
        }
        out.append("- Wall times run from the submit (the job and its requests stored, the execution started) to the "
                + "job record read back. Each size's batches have prompts of their own, so a fan-out batch never "
                + "hits the cache and a cache batch always does; sizes take turns within a round.\n");
        out.append("- Percentiles are nearest-rank: every figure quoted was measured.\n");
        out.append("- Cold-start probes are fresh JVMs (`ColdStartProbe`), each with jobs of its own in the "
                + "bench's DynamoDB Local, reached over loopback; the first JVM of each figure is unmeasured and "
                + "logs its class loading (-Xlog:class+load), split into phases by marker classes (a short run "
                + "logs in its one measured JVM, and starts the figures' JVMs side by side). The SnapStart hooks "
                + "reach the probe as they reach Lambda's runtime: the handler registers them with `org.crac`, "
                + "which hands them to the CRaC implementation named by -Dorg.crac.Core.Compat, here the bench's "
                + "own, which runs them without taking a snapshot.\n");
        out.append("- This machine is not Lambda: no TLS (every endpoint is plain HTTP on loopback), full cores "
                + "whatever the MemorySize, a local disk, another JDK than Lambda's java21 perhaps. The figures "
                + "compare code with code; a deployed function's absolute times differ.\n");
        out.append("- The figures are in `" + resultsLink + "` too" + (before == null ? "" : "; the \"before\" "
                + "columns come from `" + baselineLink + "`, a run of the same command on the earlier code") + ".\n");
    }

    private static String[] append(String[] cells, String more) {
        String[] longer = java.util.Arrays.copyOf(cells, cells.length + 1);
        longer[cells.length] = more;
        return longer;
    }

    static String ms(double millis) {
        if (Double.isNaN(millis)) {
            return "-";
        }
        return millis < 10 ? format("%.2f ms", millis) : millis < 100 ? format("%.1f ms", millis)
                : format("%,.0f ms", millis);
    }

    private static String count(long value) {
        return format("%,d", value);
    }

    private static String usd(double value) {
        return value < 0.01 ? format("$%.5f", value) : format("$%,.4f", value);
    }

    private static String usdOrUnknown(Double value) {
        return value == null ? "no price listed" : usd(value);
    }

    private static String bytes(long bytes) {
        return bytes < 0 ? "unknown" : format("%.1f MB (%,d bytes)", bytes / 1024.0 / 1024.0, bytes);
    }

}
