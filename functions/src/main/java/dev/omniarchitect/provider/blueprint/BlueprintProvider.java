package dev.omniarchitect.provider.blueprint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.kinds.BuiltInKinds;
import dev.omniarchitect.kinds.KindDefinition;
import dev.omniarchitect.provider.ErrorCode;
import dev.omniarchitect.provider.Provider;
import dev.omniarchitect.provider.ProviderAnswer;
import dev.omniarchitect.provider.ProviderDefinition;
import dev.omniarchitect.provider.ProviderException;
import dev.omniarchitect.provider.ProviderRequest;
import dev.omniarchitect.provider.Usage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The offline provider: no network and no AI, a deterministic starting file per kind rendered from
 * the item's params. Its results always say provider "blueprint", so nobody mistakes them for AI output.
 */
public final class BlueprintProvider implements Provider {

    public static final String NAME = "blueprint";
    public static final String MODEL = "blueprint-v1";

    /** The blueprint provider: offline, it reads no settings. */
    public static final ProviderDefinition DEFINITION = new ProviderDefinition(NAME, List.of(), Set.of(), null,
            (env, context) -> builtIn());

    private final Map<String, Blueprint> blueprints;

    public BlueprintProvider(List<Blueprint> blueprints) {
        this.blueprints = blueprints.stream().collect(Collectors.toUnmodifiableMap(Blueprint::kind, Function.identity()));
    }

    /** The provider with a blueprint for every built-in kind. */
    public static BlueprintProvider builtIn() {
        return new BlueprintProvider(BuiltInKinds.ALL.stream().map(KindDefinition::newBlueprint).toList());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String defaultModel() {
        return MODEL;
    }

    @Override
    public boolean isConfigured() {
        return true;
    }

    @Override
    public String configurationSource() {
        return "built in, offline";
    }

    /** Whether there is a blueprint for that kind. */
    public boolean supports(String kind) {
        return blueprints.containsKey(kind);
    }

    @Override
    public CompletableFuture<ProviderAnswer> generate(ProviderRequest request) {
        if (!supports(request.kind().name())) {
            return CompletableFuture.failedFuture(new ProviderException(ErrorCode.PROVIDER_BAD_REQUEST,
                    "the blueprint provider has no blueprint for kind " + request.kind().name()));
        }
        try {
            return CompletableFuture.completedFuture(new ProviderAnswer(answerText(request.kind().name(),
                    request.params()), MODEL, Usage.NONE, "stop"));
        } catch (InvalidParamsException e) {
            return CompletableFuture.failedFuture(new ProviderException(ErrorCode.INVALID_PARAMS, e.getMessage()));
        }
    }

    /**
     * The answer's text for a kind it {@link #supports} and those params, the files written as a model is told to
     * write them; throws {@link InvalidParamsException} naming a bad param.
     */
    public String answerText(String kind, JsonNode params) {
        return asMarkdown(blueprints.get(kind).render(new BlueprintParams(params)));
    }

    /** Writes the files the way models are told to, so one parser reads both. */
    static String asMarkdown(List<GeneratedFile> files) {
        StringBuilder answer = new StringBuilder();
        for (GeneratedFile file : files) {
            String fence = fenceFor(file.content());
            answer.append(fence).append("text path=").append(file.path()).append('\n')
                    .append(file.content());
            if (!file.content().endsWith("\n")) {
                answer.append('\n');
            }
            answer.append(fence).append("\n\n");
        }
        return answer.toString();
    }

    private static String fenceFor(String content) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < content.length(); i++) {
            run = content.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return "`".repeat(Math.max(3, longest + 1));
    }
}
