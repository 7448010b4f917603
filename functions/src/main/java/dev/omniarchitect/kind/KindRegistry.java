package dev.omniarchitect.kind;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The artifact kinds Omni Architect knows, by name. */
public final class KindRegistry {

    /** Tells every model how to lay out files, so {@link AnswerParser} can find them. */
    static final String FILE_LAYOUT_RULES = """
            Answer with the files only. Put each file in its own fenced code block and name the file \
            in the block's info string, for example ```yaml path=k8s/deployment.yaml. Use paths relative \
            to the project root. Do not add explanations outside the code blocks; put short comments \
            inside the files where a reader needs them. Never include real secrets: use placeholders \
            or references to a secret store.""";

    private final Map<String, Kind> kinds;
    private final List<String> names;

    private KindRegistry(Collection<Kind> kinds) {
        Map<String, Kind> byName = new LinkedHashMap<>();
        kinds.forEach(kind -> byName.put(kind.name(), kind));
        this.kinds = Map.copyOf(byName);
        this.names = List.copyOf(byName.keySet());
    }

    /** The built-in kinds. */
    public static KindRegistry builtIn() {
        return new KindRegistry(List.of(
                kind("dockerfile", "a Dockerfile for one service",
                        "You write Dockerfiles for production services: multi-stage builds, a pinned base image "
                                + "tag, a non-root USER, COPY rather than ADD, package caches removed in the same "
                                + "layer, a HEALTHCHECK for services, and no secrets in ENV or ARG.",
                        List.of("Dockerfile", ".dockerignore"), Set.of("dockerfile", "docker", "containerfile")),
                kind("docker-compose", "a Docker Compose file for a set of services",
                        "You write Docker Compose files (the Compose Specification, no top-level version key): "
                                + "pinned image tags, healthchecks, restart policies, named volumes, networks "
                                + "that isolate back ends, and secrets or env files instead of inline passwords.",
                        List.of("compose.yaml"), Set.of("yaml", "yml")),
                kind("kubernetes", "Kubernetes manifests (Deployment, Service, HPA, ...)",
                        "You write Kubernetes manifests for current stable API versions: a Deployment with "
                                + "resource requests and limits, liveness and readiness probes, runAsNonRoot and a "
                                + "read-only root file system, no latest image tag; a Service; and further "
                                + "objects (HorizontalPodAutoscaler, PodDisruptionBudget, ConfigMap) when asked. "
                                + "One object per file.",
                        List.of("deployment.yaml", "service.yaml", "hpa.yaml"), Set.of("yaml", "yml")),
                kind("terraform", "a Terraform module (main.tf, variables.tf, outputs.tf)",
                        "You write Terraform modules that pass terraform validate: a terraform block with "
                                + "required_version and pinned required_providers, variables with type and "
                                + "description, outputs with descriptions, no hard-coded credentials, tags on "
                                + "every taggable resource. Split the module into main.tf, variables.tf and outputs.tf.",
                        List.of("main.tf", "variables.tf", "outputs.tf"), Set.of("hcl", "terraform", "tf")),
                kind("github-actions", "a GitHub Actions workflow",
                        "You write GitHub Actions workflows: actions pinned to a release tag or commit, least "
                                + "privilege permissions, a concurrency group, caching of dependencies, and "
                                + "timeouts on every job. Put workflows under .github/workflows/.",
                        List.of(".github/workflows/ci.yml"), Set.of("yaml", "yml")),
                kind("prometheus-rules", "Prometheus alerting and recording rules",
                        "You write Prometheus rule files: groups of alerting rules with an expr, a for "
                                + "duration, a severity label and summary and description annotations, and "
                                + "recording rules named level:metric:operations.",
                        List.of("alerts.rules.yml"), Set.of("yaml", "yml")),
                kind("grafana-dashboard", "a Grafana dashboard (JSON model)",
                        "You write Grafana dashboards as JSON models for provisioning: a uid and title, schemaVersion, "
                                + "a time range, templating variables for datasource and job, and panels that each "
                                + "have a type, a title, a datasource and targets with their queries.",
                        List.of("dashboard.json"), Set.of("json")),
                kind("cloudformation", "an AWS CloudFormation template",
                        "You write AWS CloudFormation templates in YAML: AWSTemplateFormatVersion, a Description, "
                                + "Parameters with types and descriptions, Resources each with a Type and Properties, "
                                + "least-privilege IAM, encryption at rest, no hard-coded secrets or account ids, and "
                                + "Outputs for what other stacks need.",
                        List.of("template.yaml"), Set.of("yaml", "yml", "json")),
                // Version 2: Kyverno 1.13 moved the failure action from the policy's spec into each rule.
                kind("security-policy", 2, "policy as code: Kyverno policies or OPA/Rego",
                        "You write security policies as code: Kyverno ClusterPolicy or Policy resources "
                                + "(kyverno.io/v1, rules with match and validate, each validate with its own "
                                + "failureAction) or OPA Rego modules (a package, deny or violation rules with clear "
                                + "messages), as the request asks; one policy per file, each rule explaining what it "
                                + "enforces.",
                        List.of("policy.yaml"), Set.of("yaml", "yml", "rego")),
                kind("security-review", "a security review of an existing file (the item's input)",
                        "You review an existing DevOps file for security problems: running as root, unpinned or "
                                + "latest images, secrets in the file, missing resource limits, over-broad "
                                + "permissions, public exposure, missing encryption. Answer with one fenced json "
                                + "block holding an array of findings, each an object with severity (error or "
                                + "warning), rule (a short kebab-case id), line (the 1-based line in the input, or "
                                + "null), message and fix. Report only real problems in the given file.",
                        List.of("findings.json"), Set.of("json"))));
    }

    private static Kind kind(String name, String description, String expertise,
                             List<String> files, Set<String> languages) {
        return kind(name, 1, description, expertise, files, languages);
    }

    /** A kind whose system prompt has changed {@code version - 1} times since its first. */
    private static Kind kind(String name, int version, String description, String expertise,
                             List<String> files, Set<String> languages) {
        return new Kind(name, description, expertise + "\n\n" + FILE_LAYOUT_RULES, name + "/" + version, files,
                languages);
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
