package dev.omniarchitect.kinds.compose;

import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.document.LocatedNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks that what services refer to is defined in the file: networks, named volumes, secrets and
 * configs at the top level, and depends_on targets among the services. {@code docker compose up}
 * refuses a file where they are not.
 */
final class ComposeReferences {

    /** A name a service refers to, and the line where it does. */
    private record Reference(String name, Integer line) {

        static Reference of(LocatedNode node) {
            return node.scalarText() == null ? null : new Reference(node.scalarText(), node.line());
        }
    }

    private final String path;
    private final LocatedNode root;
    private final List<Finding> findings = new ArrayList<>();

    ComposeReferences(String path, LocatedNode root) {
        this.path = path;
        this.root = root;
    }

    List<Finding> check() {
        for (var service : root.get("services").fields()) {
            LocatedNode definition = service.getValue();
            String name = service.getKey();
            references(name, definition.get("networks"), "networks", Set.of("default"), Reference::of);
            references(name, definition.get("secrets"), "secrets", Set.of(), ComposeReferences::source);
            references(name, definition.get("configs"), "configs", Set.of(), ComposeReferences::source);
            references(name, definition.get("volumes"), "volumes", Set.of(), ComposeReferences::namedVolume);
            references(name, definition.get("depends_on"), "services", Set.of(), Reference::of);
        }
        return findings;
    }

    /**
     * Checks a service's references of one sort, written as a list or as a map keyed by the name.
     *
     * @param nameOf the name a list entry refers to, or null when it refers to nothing to define
     */
    private void references(String service, LocatedNode references, String section, Set<String> implicit,
                            Function<LocatedNode, Reference> nameOf) {
        List<Reference> names = new ArrayList<>();
        references.elements().forEach(element -> names.add(nameOf.apply(element)));
        references.fields().forEach(field -> names.add(new Reference(field.getKey(), field.getValue().line())));
        LocatedNode defined = root.get(section);
        for (Reference reference : names) {
            if (reference != null && !implicit.contains(reference.name())
                    && defined.get(reference.name()).node().isMissingNode()) {
                findings.add(ComposeValidator.UNDEFINED_REFERENCE.at(path, reference.line(), "service " + service
                        + " refers to " + singular(section) + " " + reference.name() + ", which the file does not define"));
            }
        }
    }

    /** The name of a secret or config entry: the string itself, or its source. */
    private static Reference source(LocatedNode entry) {
        return Reference.of(entry.isObject() ? entry.get("source") : entry);
    }

    /** The named volume a volume entry mounts; null for bind mounts, tmpfs and anonymous volumes. */
    private static Reference namedVolume(LocatedNode entry) {
        if (entry.isObject()) {
            return "volume".equals(entry.get("type").text()) ? Reference.of(entry.get("source")) : null;
        }
        String text = entry.scalarText();
        if (text == null || !text.contains(":")) {
            return null;
        }
        String source = text.substring(0, text.indexOf(':'));
        return source.isEmpty() || source.contains("/") || source.startsWith(".") || source.startsWith("~")
                || source.startsWith("$") ? null : new Reference(source, entry.line());
    }

    private static String singular(String section) {
        return switch (section) {
            case "services" -> "service";
            case "networks" -> "network";
            case "volumes" -> "volume";
            case "secrets" -> "secret";
            default -> "config";
        };
    }
}
