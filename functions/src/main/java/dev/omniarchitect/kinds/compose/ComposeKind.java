package dev.omniarchitect.kinds.compose;

import dev.omniarchitect.kind.Kind;
import dev.omniarchitect.kinds.KindDefinition;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The {@code docker-compose} kind: a Docker Compose file for a set of services. */
public final class ComposeKind {

    /** This kind, its blueprint and its validator. */
    public static final KindDefinition DEFINITION = new KindDefinition(
            Kind.of("docker-compose", 1, "a Docker Compose file for a set of services", """
                    You write Docker Compose files (the Compose Specification, no top-level version key): \
                    pinned image tags, healthchecks, restart policies, named volumes, networks that isolate \
                    back ends, and secrets or env files instead of inline passwords.""",
                    List.of("compose.yaml"), Set.of("yaml", "yml"))
                .documentingParams("services, image, registry, tag, port, healthPath, database (postgres, mysql, none)")
                .reviewable(Pattern.compile("(?m)^services:\\s*$"), "compose.yaml", 40),
            ComposeBlueprint::new, ComposeValidator::new);

    private ComposeKind() {
    }
}
