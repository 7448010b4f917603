package dev.omniarchitect.kind;

import java.util.List;
import java.util.Set;

/**
 * An artifact kind: what the model is told, which template version the cache key records,
 * and how an answer's fenced code blocks become files.
 *
 * @param name              the kind's id in a batch document, e.g. {@code kubernetes}
 * @param description       one line for help texts
 * @param systemPrompt      the instructions sent with every item of this kind
 * @param templateVersion   bumped whenever the system prompt changes, so old cache entries stop matching
 * @param defaultFileNames  names given, in order, to code blocks that do not name their file
 * @param fenceLanguages    info-string languages that belong to this kind; blocks in other languages
 *                          (a "bash" snippet after a Dockerfile, say) are not taken as files
 */
public record Kind(
        String name,
        String description,
        String systemPrompt,
        String templateVersion,
        List<String> defaultFileNames,
        Set<String> fenceLanguages) {

    public Kind {
        defaultFileNames = List.copyOf(defaultFileNames);
        fenceLanguages = Set.copyOf(fenceLanguages);
        if (defaultFileNames.isEmpty()) {
            throw new IllegalArgumentException("kind " + name + " needs at least one default file name");
        }
    }

    /** The name of the index-th unnamed file of an answer. */
    public String defaultFileName(int index) {
        if (index < defaultFileNames.size()) {
            return defaultFileNames.get(index);
        }
        String first = defaultFileNames.get(0);
        int dot = first.lastIndexOf('.');
        return dot > 0
                ? first.substring(0, dot) + "-" + (index + 1) + first.substring(dot)
                : first + "-" + (index + 1);
    }
}
