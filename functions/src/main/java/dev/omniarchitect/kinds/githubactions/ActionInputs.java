package dev.omniarchitect.kinds.githubactions;

import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.Rule;
import dev.omniarchitect.validation.document.FieldNames;
import dev.omniarchitect.validation.document.LocatedNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code with:} inputs of well-known actions ({@code action-inputs.properties}, from their
 * {@code action.yml}): an input the action does not define is ignored by the runner with only a warning
 * in the log, so {@code fetch-deep: 0} silently leaves a shallow clone.
 */
final class ActionInputs {

    static final Rule UNKNOWN_INPUT = Rule.error("github-actions/unknown-action-input",
            "Use the inputs the action defines (see its action.yml); check the spelling.");

    private static final Map<String, Set<String>> INPUTS = load();

    private ActionInputs() {
    }

    /** The findings for one step's with: keys. */
    static List<Finding> check(String path, LocatedNode step) {
        String uses = step.get("uses").text();
        if (uses == null || !uses.contains("@")) {
            return List.of();
        }
        String action = uses.substring(0, uses.lastIndexOf('@')).strip();
        Set<String> known = INPUTS.get(action);
        if (known == null) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        for (var input : step.get("with").fields()) {
            if (!known.contains(input.getKey())) {
                findings.add(UNKNOWN_INPUT.at(path, input.getValue().line(), action + " has no input \""
                        + input.getKey() + "\"" + FieldNames.suggestion(input.getKey(), known)));
            }
        }
        return findings;
    }

    private static Map<String, Set<String>> load() {
        Properties properties = new Properties();
        try (InputStream in = ActionInputs.class.getResourceAsStream("action-inputs.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Set<String>> inputs = new TreeMap<>();
        properties.forEach((action, names) -> inputs.put((String) action, Set.of(((String) names).split(","))));
        return Map.copyOf(inputs);
    }
}
