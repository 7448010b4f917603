package dev.omniarchitect.kind;

import dev.omniarchitect.kinds.BuiltInKinds;
import dev.omniarchitect.kinds.KindDefinition;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The artifact kinds Omni Architect knows, by name. */
public final class KindRegistry {

    private final Map<String, Kind> kinds;
    private final List<String> names;

    private KindRegistry(Collection<Kind> kinds) {
        Map<String, Kind> byName = new LinkedHashMap<>();
        for (Kind kind : kinds) {
            if (byName.put(kind.name(), kind) != null) {
                throw new IllegalArgumentException("two kinds named " + kind.name());
            }
        }
        this.kinds = Map.copyOf(byName);
        this.names = List.copyOf(byName.keySet());
    }

    /** The built-in kinds, each defined in its own folder under {@code kinds/} and listed in {@link BuiltInKinds}. */
    public static KindRegistry builtIn() {
        return new KindRegistry(BuiltInKinds.ALL.stream().map(KindDefinition::kind).toList());
    }

    /** The kinds whose items take an {@code input} file, by name. */
    public List<String> namesTakingInput() {
        return all().stream().filter(Kind::takesInput).map(Kind::name).toList();
    }

    /** The kinds a security review can route an input to, most specific signature first. */
    public List<Kind> reviewable() {
        return all().stream().filter(Kind::reviewable)
                .sorted(Comparator.comparingInt(kind -> kind.reviewSignature().precedence())).toList();
    }

    /** The kind of that name, if there is one. */
    public Optional<Kind> find(String name) {
        return Optional.ofNullable(kinds.get(name));
    }

    /** The kind of that name; the name must have been validated. */
    public Kind get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown kind: " + name));
    }

    /** Every kind name, in registration order. */
    public List<String> names() {
        return names;
    }

    /** Every kind, in registration order. */
    public List<Kind> all() {
        return names.stream().map(kinds::get).toList();
    }
}
