package dev.omniarchitect.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.kind.Kind;
import java.time.Duration;

/**
 * One generation to perform.
 *
 * @param kind         the artifact kind, whose system prompt the provider sends
 * @param model        the model id
 * @param userPrompt   the user's request with its parameters
 * @param params       the item's params, for providers that render rather than ask (blueprint)
 * @param temperature  0 to 2
 * @param maxTokens    the answer's token budget
 * @param timeout      how long the whole call may take
 */
public record ProviderRequest(
        Kind kind,
        String model,
        String userPrompt,
        JsonNode params,
        double temperature,
        int maxTokens,
        Duration timeout) {
}
