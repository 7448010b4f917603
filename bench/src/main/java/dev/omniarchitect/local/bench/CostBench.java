package dev.omniarchitect.local.bench;

import dev.omniarchitect.batch.BatchDocument;
import dev.omniarchitect.cost.Price;
import dev.omniarchitect.local.runtime.LocalPipeline;
import dev.omniarchitect.provider.Usage;
import dev.omniarchitect.provider.openai.OpenAiProvider;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The cost figures: one job of the largest batch size run through the whole pipeline twice, all
 * misses then all hits, with DynamoDB's request units metered, then priced with the durations the
 * timed benches measured.
 */
record CostBench(BenchSettings settings, TemplateSettings template, PrintWriter progress) {

    CostFigure measure(URI dynamoDb, LoopbackChatServer provider, InvocationDurations durations, TypicalItem typical) {
        int batchSize = settings.largestSize();
        Duration latency = provider.latency();
        provider.latency(Duration.ZERO);
        List<CapacityMeter.Tally> miss;
        List<CapacityMeter.Tally> hit;
        String model;
        Optional<Price> price;
        String pricesChecked;
        try (CapacityMeter meter = CapacityMeter.start(dynamoDb);
             BenchPipeline pipeline = BenchPipeline.on(meter.endpoint(), provider, settings.maxConcurrency())) {
            BatchDocument batch = pipeline.batch(batchSize, "cost", "use");
            meter.reset();
            pipeline.run(batch);
            miss = meter.tallies();
            meter.reset();
            pipeline.run(batch);
            hit = meter.tallies();
            model = pipeline.services().providers().defaultModels().get(OpenAiProvider.NAME);
            price = pipeline.services().prices().find(OpenAiProvider.NAME, model);
            pricesChecked = pipeline.services().prices().checked();
        } finally {
            provider.latency(latency);
        }
        progress.printf("  cost: a %d-item job metered, misses then hits%n", batchSize);
        Double perItem = price.map(found -> found.costOf(new Usage(typical.inputTokens(), typical.outputTokens())))
                .orElse(null);
        AwsPrices prices = AwsPrices.builtIn();
        StateTransitions transitions = StateTransitions.count(LocalPipeline.readDefinition());
        CostModel cost = new CostModel(prices, template, transitions, settings.costItems(), batchSize);
        return new CostFigure(settings.costItems(), batchSize, cost.jobs(), prices, template.architecture(),
                transitions, OpenAiProvider.NAME + " " + model, perItem, pricesChecked, cost.perProviderSecond(),
                List.of(cost.price("cache miss", durations.missCall().median(), durations, miss, perItem),
                        cost.price("cache hit", durations.hitCall().median(), durations, hit,
                                perItem == null ? null : 0.0)));
    }
}
