package dev.omniarchitect.kinds.dockerfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** Splits instruction arguments into words as the Dockerfile shell form and exec form do. */
final class ShellWords {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ShellWords() {
    }

    /** The words of the exec form ({@code ["a", "b"]}) when the arguments are one, else of the shell form. */
    static List<String> of(String arguments) {
        String stripped = arguments.strip();
        if (stripped.startsWith("[")) {
            try {
                JsonNode array = JSON.readTree(stripped);
                if (array.isArray()) {
                    List<String> words = new ArrayList<>();
                    array.forEach(word -> words.add(word.asText()));
                    return words;
                }
            } catch (JsonProcessingException e) {
                // Not JSON: Docker runs it in the shell form too.
            }
        }
        return split(stripped);
    }

    /** Shell-form words: whitespace separates, quotes group and are removed, backslash escapes. */
    static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < text.length()) {
                    word.append(text.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                inWord = true;
                if (c == '"' || c == '\'') {
                    quote = c;
                } else if (c == '\\' && i + 1 < text.length()) {
                    word.append(text.charAt(++i));
                } else {
                    word.append(c);
                }
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
