package dev.omniarchitect.kind;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

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
 * @param takesInput        whether items carry an existing file as {@code input} and answer with findings on
 *                          it: such an answer is never repaired, and its findings are its product, not defects
 * @param reviewSignature   how a review recognises a file of this kind; null when reviews never route to it
 * @param paramsDoc         the item params the kind's blueprint reads, in words for a form or a help text
 */
public record Kind(
        String name,
        String description,
        String systemPrompt,
        String templateVersion,
        List<String> defaultFileNames,
        Set<String> fenceLanguages,
        boolean takesInput,
        ReviewSignature reviewSignature,
        String paramsDoc) {

    /** Tells every model how to lay out files, so {@link AnswerParser} can find them. */
    static final String FILE_LAYOUT_RULES = """
            Answer with the files only. Put each file in its own fenced code block and name the file \
            in the block's info string, for example ```yaml path=k8s/deployment.yaml. Use paths relative \
            to the project root. Do not add explanations outside the code blocks; put short comments \
            inside the files where a reader needs them. Never include real secrets: use placeholders \
            or references to a secret store.""";

    /** A kind that takes no input and that reviews do not route to. */
    public Kind(String name, String description, String systemPrompt, String templateVersion,
                List<String> defaultFileNames, Set<String> fenceLanguages) {
        this(name, description, systemPrompt, templateVersion, defaultFileNames, fenceLanguages, false, null, "");
    }

    public Kind {
        paramsDoc = paramsDoc == null ? "" : paramsDoc;
        defaultFileNames = List.copyOf(defaultFileNames);
        fenceLanguages = Set.copyOf(fenceLanguages);
        if (defaultFileNames.isEmpty()) {
            throw new IllegalArgumentException("kind " + name + " needs at least one default file name");
        }
    }

    /**
     * A kind whose system prompt is the expertise plus the file layout every model is told, at prompt-template
     * version {@code version} (bump it whenever the expertise changes, so old cache entries stop matching).
     */
    public static Kind of(String name, int version, String description, String expertise, List<String> files,
                          Set<String> languages) {
        return new Kind(name, description, expertise + "\n\n" + FILE_LAYOUT_RULES, name + "/" + version, files,
                languages);
    }

    /** This kind, with a security review routing inputs that match the signature to its validator. */
    public Kind reviewable(Pattern signature, String fileName, int precedence) {
        return new Kind(name, description, systemPrompt, templateVersion, defaultFileNames, fenceLanguages,
                takesInput, new ReviewSignature(signature, fileName, precedence), paramsDoc);
    }

    /** This kind, with items that carry an {@code input} file and answer with findings on it. */
    public Kind takingInput() {
        return new Kind(name, description, systemPrompt, templateVersion, defaultFileNames, fenceLanguages, true,
                reviewSignature, paramsDoc);
    }

    /** This kind, with its params described so (not part of the cache key: the blueprint's behaviour is). */
    public Kind documentingParams(String doc) {
        return new Kind(name, description, systemPrompt, templateVersion, defaultFileNames, fenceLanguages, takesInput,
                reviewSignature, doc);
    }

    /** Whether a security review can route an input to this kind's validator. */
    public boolean reviewable() {
        return reviewSignature != null;
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
