package dev.omniarchitect.kinds.dockerfile;

import dev.omniarchitect.kind.Kind;
import dev.omniarchitect.kinds.KindDefinition;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The {@code dockerfile} kind: a Dockerfile for one service. */
public final class DockerfileKind {

    /** This kind, its blueprint and its validator. */
    public static final KindDefinition DEFINITION = new KindDefinition(
            Kind.of("dockerfile", 1, "a Dockerfile for one service", """
                    You write Dockerfiles for production services: multi-stage builds, a pinned base image \
                    tag, a non-root USER, COPY rather than ADD, package caches removed in the same layer, a \
                    HEALTHCHECK for services, and no secrets in ENV or ARG.""",
                    List.of("Dockerfile", ".dockerignore"), Set.of("dockerfile", "docker", "containerfile"))
                .documentingParams("runtime (java, node, python, go, static), name, port, healthPath, javaVersion, "
                        + "nodeVersion, pythonVersion, goVersion")
                .reviewable(Pattern.compile("(?im)^\\s*FROM\\s+\\S+"), "Dockerfile", 70),
            DockerfileBlueprint::new, DockerfileValidator::new);

    private DockerfileKind() {
    }
}
