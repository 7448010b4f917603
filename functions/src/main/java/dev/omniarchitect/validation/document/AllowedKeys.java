package dev.omniarchitect.validation.document;

import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.Rule;
import java.util.List;
import java.util.Set;

/**
 * The keys a mapping of some format may have; a misspelt key is otherwise silently ignored by most
 * tools, which is how a {@code runs_on} or a {@code helthcheck} ends up doing nothing.
 *
 * @param names           the keys the format defines
 * @param extensionPrefix keys starting with this are extensions and always allowed ({@code x-}); null for none
 */
public record AllowedKeys(Set<String> names, String extensionPrefix) {

    public AllowedKeys {
        names = Set.copyOf(names);
    }

    /** Keys of a format without extensions. */
    public static AllowedKeys of(String... names) {
        return new AllowedKeys(Set.of(names), null);
    }

    /** A finding of the rule for each key of the object the format does not define. */
    public List<Finding> check(String path, LocatedNode object, Rule rule) {
        String where = object.path().isEmpty() ? "at the top level" : "in " + object.path();
        return object.fieldNames().stream()
                .filter(name -> !names.contains(name))
                .filter(name -> extensionPrefix == null || !name.startsWith(extensionPrefix))
                .map(name -> rule.at(path, object.get(name).line(),
                        "unknown key \"" + name + "\" " + where + FieldNames.suggestion(name, names)))
                .toList();
    }
}
