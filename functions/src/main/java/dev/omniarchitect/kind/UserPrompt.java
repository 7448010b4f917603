package dev.omniarchitect.kind;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.json.CanonicalJson;

/** The user message sent to a model: the item's request, its params as canonical JSON, and a file to review. */
public final class UserPrompt {

    private UserPrompt() {
    }

    /** The message text for that prompt and params. */
    public static String of(String prompt, JsonNode params) {
        return of(prompt, params, null);
    }

    /** The message text for that prompt, params and input file (null when the item has none). */
    public static String of(String prompt, JsonNode params, String input) {
        StringBuilder message = new StringBuilder(prompt);
        if (params != null && !params.isEmpty()) {
            message.append("\n\nParameters (JSON): ").append(CanonicalJson.write(params));
        }
        if (input != null) {
            message.append("\n\nThe file to review, with line numbers:\n");
            String[] lines = input.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                message.append(i + 1).append(": ").append(lines[i]).append('\n');
            }
        }
        return message.toString();
    }
}
