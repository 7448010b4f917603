package dev.omniarchitect.local.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Prices a number of items from what the bench measured: the functions' median durations (billed per
 * millisecond, rounded up) at the template's MemorySize, one request per invocation, the definition's
 * state transitions, the request units DynamoDB Local reported for a job, and one POST and one GET of the
 * HTTP API per job. Free tiers, logs, tracing and data transfer are left out.
 */
record CostModel(AwsPrices prices, TemplateSettings template, StateTransitions transitions, int items, int batchSize) {

    int jobs() {
        return (items + batchSize - 1) / batchSize;
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
        List<CostFigure.FunctionSeconds> functions = new ArrayList<>();
        functions.add(seconds("ApiFunction", 2 * jobs, (durations.submit().median() + durations.read().median()) / 2));
        functions.add(seconds("ProviderCallFunction", items, providerCallMs));
        functions.add(seconds("AggregateFunction", jobs, durations.aggregate().median()));
        long requests = functions.stream().mapToLong(CostFigure.FunctionSeconds::invocations).sum();
        double gbSeconds = functions.stream().mapToDouble(CostFigure.FunctionSeconds::gbSeconds).sum();
        long stateTransitions = jobs * transitions.perJob() + (long) items * transitions.perItem();
        double reads = jobs * perJob.stream().filter(tally -> !tally.write())
                .mapToDouble(CapacityMeter.Tally::units).sum();
        double writes = jobs * perJob.stream().filter(CapacityMeter.Tally::write)
                .mapToDouble(CapacityMeter.Tally::units).sum();
        long apiRequests = 2 * jobs;
        return new CostFigure.CostCase(name, requests, gbSeconds, functions, stateTransitions, reads, writes, apiRequests,
                requests * prices.lambdaPerRequest() + gbSeconds * prices.lambdaPerGbSecond(template.architecture()),
                stateTransitions * prices.stateTransition(),
                reads * prices.readRequestUnit() + writes * prices.writeRequestUnit(),
                apiRequests * prices.httpApiRequest(),
                providerPerItem == null ? null : providerPerItem * items);
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
