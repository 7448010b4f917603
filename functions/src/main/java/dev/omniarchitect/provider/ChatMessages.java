package dev.omniarchitect.provider;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

/** The {@code messages} array of the chat APIs that take the system prompt as a message (OpenAI, Ollama). */
public final class ChatMessages {

    private ChatMessages() {
    }

    /** The kind's system prompt, then the user's request. */
    public static ArrayNode of(ObjectMapper mapper, ProviderRequest request) {
        ArrayNode messages = mapper.createArrayNode();
        messages.addObject().put("role", "system").put("content", request.kind().systemPrompt());
        messages.addObject().put("role", "user").put("content", request.userPrompt());
        return messages;
    }
}
