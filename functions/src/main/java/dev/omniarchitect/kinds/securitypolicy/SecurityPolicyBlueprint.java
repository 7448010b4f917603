package dev.omniarchitect.kinds.securitypolicy;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.provider.blueprint.Blueprint;
import dev.omniarchitect.provider.blueprint.BlueprintParams;
import dev.omniarchitect.provider.blueprint.CommonParams;
import dev.omniarchitect.provider.blueprint.YamlScalar;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Policy as code that admits only hardened pods: every container runs as non-root, pins its image to
 * a tag (not {@code latest}) or a digest, and sets CPU and memory limits.
 *
 * <p>With engine {@code kyverno}, {@code policy.yaml} is a kyverno.io/v1 ClusterPolicy of four validate
 * rules on Pods, written like Kyverno's own sample policies; Kyverno generates the same rules for
 * Deployments, Jobs and the other pod controllers. With engine {@code opa}, {@code policy.rego} is a
 * Rego module ({@code package kubernetes.admission}, Rego v1 syntax) whose {@code deny} set holds one
 * message per violation in an AdmissionReview's Pod, workload or CronJob; query
 * {@code data.kubernetes.admission.deny}. Check them with {@code kyverno test} or {@code opa check}.
 * Params:
 * <table>
 *   <caption>params</caption>
 *   <tr><th>name</th><th>type</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>engine</td><td>one of {@code kyverno}, {@code opa}</td><td>{@code kyverno}</td>
 *       <td>the policy engine, and so the file: {@code policy.yaml} or {@code policy.rego}</td></tr>
 *   <tr><td>name</td><td>string, DNS-1123 label</td><td>{@code pod-hardening}</td>
 *       <td>the ClusterPolicy's name (kyverno only)</td></tr>
 *   <tr><td>failureAction</td><td>one of {@code Enforce}, {@code Audit}</td><td>{@code Enforce}</td>
 *       <td>refuse violating pods, or only report them (kyverno only)</td></tr>
 *   <tr><td>excludeNamespaces</td><td>list of DNS-1123 labels</td><td>{@code [kube-system]}</td>
 *       <td>namespaces the policy does not apply to</td></tr>
 * </table>
 */
public final class SecurityPolicyBlueprint implements Blueprint {

    private static final String KYVERNO = """
            apiVersion: kyverno.io/v1
            kind: ClusterPolicy
            metadata:
              name: {{NAME}}
              annotations:
                policies.kyverno.io/title: Pod hardening
                policies.kyverno.io/category: Pod Security
                policies.kyverno.io/severity: high
                policies.kyverno.io/subject: Pod
                policies.kyverno.io/description: >-
                  Containers must run as a non-root user, pin their image to a tag other than latest or
                  to a digest, and set CPU and memory limits. The rules match Pods; Kyverno generates the
                  same rules for Deployments, StatefulSets, DaemonSets, Jobs and CronJobs.
            spec:
              # Also reports pods that existed before the policy, in policy reports.
              background: true
              rules:
            {{RULES}}""";

    private static final String RUN_AS_NON_ROOT = """
                    message: >-
                      Running as root is not allowed. Set runAsNonRoot to true in the pod's
                      securityContext, or in the securityContext of every container.
                    # Either the pod sets it and no container unsets it, or every container sets it.
                    anyPattern:
                      - spec:
                          securityContext:
                            runAsNonRoot: true
                          =(ephemeralContainers):
                            - =(securityContext):
                                =(runAsNonRoot): true
                          =(initContainers):
                            - =(securityContext):
                                =(runAsNonRoot): true
                          containers:
                            - =(securityContext):
                                =(runAsNonRoot): true
                      - spec:
                          =(ephemeralContainers):
                            - securityContext:
                                runAsNonRoot: true
                          =(initContainers):
                            - securityContext:
                                runAsNonRoot: true
                          containers:
                            - securityContext:
                                runAsNonRoot: true
            """;

    private static final String REQUIRE_IMAGE_TAG = """
                    message: An image tag is required, so a deployment changes only when its manifest does.
                    pattern:
                      spec:
                        =(initContainers):
                          - image: "*:*"
                        containers:
                          - image: "*:*"
            """;

    private static final String DISALLOW_LATEST_TAG = """
                    message: The mutable tag latest is not allowed; pin the image to a version tag or a digest.
                    pattern:
                      spec:
                        =(initContainers):
                          - image: "!*:latest"
                        containers:
                          - image: "!*:latest"
            """;

    private static final String REQUIRE_LIMITS = """
                    message: CPU and memory limits are required, so one container cannot starve its node.
                    pattern:
                      spec:
                        =(initContainers):
                          - resources:
                              limits:
                                cpu: "?*"
                                memory: "?*"
                        containers:
                          - resources:
                              limits:
                                cpu: "?*"
                                memory: "?*"
            """;

    private static final String REGO = """
            # Admits only hardened pods: non-root, pinned images, CPU and memory limits.
            # Input: a Kubernetes AdmissionReview (input.request), e.g. from kube-mgmt.
            # Query data.kubernetes.admission.deny; an empty set admits the object. Check with: opa check policy.rego
            package kubernetes.admission

            import rego.v1

            excluded_namespaces := {{EXCLUDED}}

            workload_kinds := {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"}

            # The pod spec of a Pod, of a workload's pod template, or of a CronJob's job template.
            pod_spec := input.request.object.spec if {
                input.request.kind.kind == "Pod"
            } else := input.request.object.spec.template.spec if {
                input.request.kind.kind in workload_kinds
            } else := input.request.object.spec.jobTemplate.spec.template.spec if {
                input.request.kind.kind == "CronJob"
            }

            applies if not input.request.namespace in excluded_namespaces

            # Containers that run the workload and so need limits; ephemeral debug containers cannot have them.
            workload_containers contains container if {
                some container in pod_spec.containers
            }

            workload_containers contains container if {
                some container in pod_spec.initContainers
            }

            all_containers contains container if {
                some container in workload_containers
            }

            all_containers contains container if {
                some container in pod_spec.ephemeralContainers
            }

            deny contains msg if {
                applies
                some container in all_containers
                not runs_as_non_root(container)
                msg := sprintf("container %q must run as non-root: set securityContext.runAsNonRoot to true", [container.name])
            }

            deny contains msg if {
                applies
                some container in all_containers
                not pinned(container.image)
                msg := sprintf("container %q must pin image %q to a tag or digest", [container.name, container.image])
            }

            deny contains msg if {
                applies
                some container in all_containers
                endswith(container.image, ":latest")
                msg := sprintf("container %q must not use the mutable tag latest (%q)", [container.name, container.image])
            }

            deny contains msg if {
                applies
                some container in workload_containers
                some resource in ["cpu", "memory"]
                not container.resources.limits[resource]
                msg := sprintf("container %q must set resources.limits.%s", [container.name, resource])
            }

            # The container says so, or the pod does and the container does not say otherwise.
            runs_as_non_root(container) if container.securityContext.runAsNonRoot == true

            runs_as_non_root(container) if {
                pod_spec.securityContext.runAsNonRoot == true
                not container.securityContext.runAsNonRoot == false
            }

            pinned(image) if contains(image, "@")

            # A colon in the last path segment is a tag; one before a slash is a registry port.
            pinned(image) if {
                segments := split(image, "/")
                contains(segments[count(segments) - 1], ":")
            }
            """;

    @Override
    public String kind() {
        return "security-policy";
    }

    @Override
    public List<GeneratedFile> render(BlueprintParams params) {
        String engine = CommonParams.choice(params, "engine", "kyverno", List.of("kyverno", "opa"));
        String name = params.text("name", "pod-hardening", CommonParams.DNS_LABEL, CommonParams.DNS_LABEL_RULE);
        String action = CommonParams.choice(params, "failureAction", "Enforce", List.of("Enforce", "Audit"));
        List<String> excluded = params.textList("excludeNamespaces", List.of("kube-system"), CommonParams.DNS_LABEL,
                CommonParams.DNS_LABEL_RULE + "s");
        if (engine.equals("opa")) {
            String set = excluded.isEmpty() ? "set()" : excluded.stream().distinct()
                    .map(namespace -> '"' + namespace + '"').collect(Collectors.joining(", ", "{", "}"));
            return List.of(new GeneratedFile("policy.rego", REGO.replace("{{EXCLUDED}}", set)));
        }
        String rules = kyvernoRule("run-as-non-root", excluded, action, RUN_AS_NON_ROOT)
                + kyvernoRule("require-image-tag", excluded, action, REQUIRE_IMAGE_TAG)
                + kyvernoRule("disallow-latest-tag", excluded, action, DISALLOW_LATEST_TAG)
                + kyvernoRule("require-limits", excluded, action, REQUIRE_LIMITS);
        String policy = KYVERNO
                .replace("{{NAME}}", YamlScalar.of(name))
                .replace("{{RULES}}", rules);
        return List.of(new GeneratedFile("policy.yaml", policy));
    }

    /**
     * One rule on Pods outside the excluded namespaces; the validate body comes indented for its place. The
     * failure action is the rule's own, as Kyverno 1.13 deprecated the policy-wide one.
     */
    private static String kyvernoRule(String name, List<String> excluded, String action, String validate) {
        StringBuilder rule = new StringBuilder()
                .append("    - name: ").append(name).append('\n')
                .append("      match:\n")
                .append("        any:\n")
                .append("          - resources:\n")
                .append("              kinds:\n")
                .append("                - Pod\n");
        if (!excluded.isEmpty()) {
            rule.append("      exclude:\n")
                    .append("        any:\n")
                    .append("          - resources:\n")
                    .append("              namespaces:\n");
            excluded.stream().distinct().forEach(namespace ->
                    rule.append("                - ").append(YamlScalar.of(namespace)).append('\n'));
        }
        return rule.append("      validate:\n").append("        failureAction: ").append(action).append('\n')
                .append(validate).toString();
    }
}
