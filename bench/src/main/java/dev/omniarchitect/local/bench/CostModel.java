package dev.omniarchitect.local.bench;

import dev.omniarchitect.batch.BatchLimits;
import dev.omniarchitect.job.JobReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Prices a number of items, in jobs of up to {@link BatchLimits#MAX_ITEMS} (a Distributed Map runs them in one),
 * from what the bench measured on a job of {@code batchSize}: the functions' median durations (billed per
 * millisecond, rounded up) at the template's MemorySize, one request per invocation, the definition's state
 * transitions, DynamoDB's request units per item, the HTTP API's POST and reads of each job (a page of up to
 * 1,000 items a read), and the job files bucket's requests. Free tiers, logs, tracing, S3 storage (objects
 * expire with the job) and data transfer are left out.
 */
record CostModel(AwsPrices prices, TemplateSettings template, StateTransitions transitions, int items, int batchSize) {

    /** S3 PUTs a job makes: its items file, and the Map Run's result file and manifest. */
    static final int S3_PUTS_PER_JOB = 3;
    /** S3 GETs a job makes: the ItemReader's read of the items file, the aggregation's of the manifest and results. */
    static final int S3_GETS_PER_JOB = 3;

    /** Items one priced job holds. */
    int jobSize() {
        return Math.min(items, BatchLimits.MAX_ITEMS);
    }

    int jobs() {
        return (items + jobSize() - 1) / jobSize();
    }

    /** The status reads of one job: a page of up to {@link JobReader#MAX_PAGE_ITEMS} items each. */
    private int readsPerJob() {
        return (jobSize() + JobReader.MAX_PAGE_ITEMS - 1) / JobReader.MAX_PAGE_ITEMS;
    }

    /**
     * One case.
     *
     * @param providerCallMs   ProviderCallFunction's median duration in this case
     * @param perJob           DynamoDB's request units for one job of the batch size, in this case
     * @param providerPerItem  the provider's price per item in this case; null when unknown
     */
    CostFigure.CostCase price(String name, double providerCallMs, InvocationDurations durations,
                              List<CapacityMeter.Tally> perJob, Double providerPerItem) {
        long jobs = jobs();
        long apiRequests = jobs * (1 + readsPerJob());
        List<CostFigure.FunctionSeconds> functions = new ArrayList<>();
        functions.add(seconds("ApiFunction", apiRequests, (durations.submit().median() + durations.read().median()) / 2));
        functions.add(seconds("ProviderCallFunction", items, providerCallMs));
        // The aggregation reads every item's outcome: its time grows with the job, from the measured job's.
        functions.add(seconds("AggregateFunction", jobs, durations.aggregate().median() * jobSize() / batchSize));
        long requests = functions.stream().mapToLong(CostFigure.FunctionSeconds::invocations).sum();
        double gbSeconds = functions.stream().mapToDouble(CostFigure.FunctionSeconds::gbSeconds).sum();
        long stateTransitions = jobs * transitions.perJob() + (long) items * transitions.perItem();
        // Request units per item, from the measured job's: nearly all of a job's are its items'.
        double perItem = 1.0 / batchSize;
        double reads = items * perItem * perJob.stream().filter(tally -> !tally.write())
                .mapToDouble(CapacityMeter.Tally::units).sum();
        double writes = items * perItem * perJob.stream().filter(CapacityMeter.Tally::write)
                .mapToDouble(CapacityMeter.Tally::units).sum();
        long s3Puts = jobs * S3_PUTS_PER_JOB;
        long s3Gets = jobs * S3_GETS_PER_JOB;
        return new CostFigure.CostCase(name, requests, gbSeconds, functions, stateTransitions, reads, writes, apiRequests,
                requests * prices.lambdaPerRequest() + gbSeconds * prices.lambdaPerGbSecond(template.architecture()),
                stateTransitions * prices.stateTransition(),
                reads * prices.readRequestUnit() + writes * prices.writeRequestUnit(),
                apiRequests * prices.httpApiRequest(),
                providerPerItem == null ? null : providerPerItem * items,
                s3Puts, s3Gets, s3Puts * prices.s3PutRequest() + s3Gets * prices.s3GetRequest());
    }

    /** What each further second of provider latency per item adds to ProviderCallFunction's bill. */
    double perProviderSecond() {
        return items * template.memorySizeMb("ProviderCallFunction") / 1024.0
                * prices.lambdaPerGbSecond(template.architecture());
    }

    private CostFigure.FunctionSeconds seconds(String function, long invocations, double medianMs) {
        long billedMs = (long) Math.ceil(medianMs);
        int memoryMb = template.memorySizeMb(function);
        return new CostFigure.FunctionSeconds(function, invocations, billedMs, memoryMb,
                invocations * billedMs / 1000.0 * memoryMb / 1024.0);
    }
}
