package dev.omniarchitect.local.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.batch.BatchDocument;
import dev.omniarchitect.batch.BatchItem;
import dev.omniarchitect.batch.BatchOverrides;
import dev.omniarchitect.batch.CacheMode;
import dev.omniarchitect.batch.InvalidBatchException;
import dev.omniarchitect.job.ItemResult;
import dev.omniarchitect.job.ItemStatus;
import dev.omniarchitect.json.Json;
import dev.omniarchitect.kind.Kind;
import dev.omniarchitect.provider.blueprint.BlueprintProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the loopback provider answers, kind by kind: the files the offline blueprint provider writes for
 * an item of that kind, in fenced blocks as a model writes them. Real files, so the functions' checks of
 * generated files pass them as they would a good model's answer and ask for no repair.
 *
 * @param bySystemPrompt  the answer to a request carrying that kind's system prompt
 * @param kinds           the kinds with an answer, in the registry's order
 */
record KindAnswers(Map<String, String> bySystemPrompt, List<String> kinds) {

    KindAnswers {
        bySystemPrompt = Map.copyOf(bySystemPrompt);
        kinds = List.copyOf(kinds);
    }

    /**
     * Renders an item of every kind with the blueprint provider. Kinds whose plain item (an id, the kind,
     * a prompt) is not a valid item, or that the blueprint provider cannot render, are left out.
     */
    static KindAnswers render(BenchPipeline pipeline) {
        BatchOverrides blueprint = new BatchOverrides(BlueprintProvider.NAME, CacheMode.BYPASS);
        List<BatchItem> items = new ArrayList<>();
        for (String kind : pipeline.services().kinds().names()) {
            ObjectNode document = Json.mapper().createObjectNode();
            document.putArray("items").addObject().put("id", kind).put("kind", kind)
                    .put("prompt", "a " + kind + " for the bench");
            try {
                items.addAll(pipeline.parse(document.toString(), blueprint).items());
            } catch (InvalidBatchException needsMore) {
                // A kind that needs more than a prompt (an input to review, say) is not one the bench sends.
            }
        }
        List<ItemResult> results = pipeline.run(new BatchDocument(items), false).record().items();
        Map<String, String> bySystemPrompt = new LinkedHashMap<>();
        List<String> kinds = new ArrayList<>();
        for (ItemResult result : results) {
            if (result.status() == ItemStatus.SUCCEEDED && !result.files().isEmpty()) {
                Kind kind = pipeline.services().kinds().get(result.kind());
                bySystemPrompt.put(kind.systemPrompt(), fenced(result.files()));
                kinds.add(kind.name());
            }
        }
        if (kinds.isEmpty()) {
            throw new IllegalStateException("the blueprint provider rendered no kind at all");
        }
        return new KindAnswers(bySystemPrompt, kinds);
    }

    /** Files as a model writes them: each in a fenced block that names its path. */
    static String fenced(List<GeneratedFile> files) {
        StringBuilder answer = new StringBuilder("Here are the files.\n\n");
        for (GeneratedFile file : files) {
            answer.append("```text path=").append(file.path()).append('\n').append(file.content());
            if (!file.content().endsWith("\n")) {
                answer.append('\n');
            }
            answer.append("```\n\n");
        }
        return answer.toString();
    }

    /** The answer for a request with that system prompt; a request of no known kind gets the first. */
    String answerFor(String systemPrompt) {
        String answer = bySystemPrompt.get(systemPrompt);
        return answer != null ? answer : bySystemPrompt.values().iterator().next();
    }
}
