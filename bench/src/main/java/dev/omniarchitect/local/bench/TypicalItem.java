package dev.omniarchitect.local.bench;

import dev.omniarchitect.batch.BatchDocument;
import dev.omniarchitect.batch.BatchItem;
import dev.omniarchitect.batch.BatchOverrides;
import dev.omniarchitect.batch.CacheMode;
import dev.omniarchitect.job.ItemResult;
import dev.omniarchitect.kind.UserPrompt;
import dev.omniarchitect.provider.blueprint.BlueprintProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The typical item of the cost figures: the sample batch's items, answered by the offline blueprint
 * provider with the files a model is asked for. Its tokens are
 * estimated from the text a model would read (system prompt and user prompt) and write (the files in
 * fenced blocks) by {@link TokenEstimate}.
 *
 * @param sample        the batch document measured
 * @param items         its items
 * @param inputTokens   estimated input tokens per item, mean
 * @param outputTokens  estimated output tokens per item, mean
 */
public record TypicalItem(String sample, int items, long inputTokens, long outputTokens) {

    static TypicalItem measure(BenchPipeline pipeline, Path sample) {
        String document;
        try {
            document = Files.readString(sample, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sample batch " + sample, e);
        }
        BatchDocument batch = pipeline.parse(document, new BatchOverrides(BlueprintProvider.NAME, CacheMode.BYPASS));
        List<ItemResult> results = pipeline.run(batch).record().items();
        long input = 0;
        long output = 0;
        for (int i = 0; i < batch.items().size(); i++) {
            BatchItem item = batch.items().get(i);
            String system = pipeline.services().kinds().get(item.kind()).systemPrompt();
            input += TokenEstimate.of(system.length() + UserPrompt.of(item.prompt(), item.params()).length());
            output += TokenEstimate.of(KindAnswers.fenced(results.get(i).files()).length());
        }
        int items = batch.items().size();
        return new TypicalItem(sample.getFileName().toString(), items, input / items, output / items);
    }
}
