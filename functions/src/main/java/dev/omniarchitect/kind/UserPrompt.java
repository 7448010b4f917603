package dev.omniarchitect.kind;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.json.CanonicalJson;

/** The user message sent to a model: the item's request, then its params as canonical JSON. */
public final class UserPrompt {

    private UserPrompt() {
    }

    /** The message text for that prompt and params. */
    public static String of(String prompt, JsonNode params) {
        if (params == null || params.isEmpty()) {
            return prompt;
        }
        return prompt + "\n\nParameters (JSON): " + CanonicalJson.write(params);
    }
}
