package dev.omniarchitect.kinds.kubernetes;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.provider.blueprint.Blueprint;
import dev.omniarchitect.provider.blueprint.BlueprintParams;
import dev.omniarchitect.provider.blueprint.CommonParams;
import dev.omniarchitect.provider.blueprint.YamlScalar;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes manifests for one HTTP service: {@code deployment.yaml} (apps/v1), {@code service.yaml}
 * (v1, ClusterIP) and {@code hpa.yaml} (autoscaling/v2, on CPU).
 *
 * <p>The Deployment has requests and limits, startup, readiness and liveness probes, a restricted
 * security context (non-root, read-only root file system with an emptyDir on {@code /tmp}, no
 * privilege escalation, all capabilities dropped, RuntimeDefault seccomp) and no service account
 * token. All objects carry the same {@code app.kubernetes.io/*} labels. Params:
 * <table>
 *   <caption>params</caption>
 *   <tr><th>name</th><th>type</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>name</td><td>string, DNS-1123 label</td><td>{@code app}</td><td>object, container and label name</td></tr>
 *   <tr><td>image</td><td>string, image with a tag or digest, not latest</td>
 *       <td>{@code ghcr.io/example/<name>:1.0.0}</td><td>the container image</td></tr>
 *   <tr><td>port</td><td>integer 1-65535</td><td>8080</td><td>the container port (named {@code http})</td></tr>
 *   <tr><td>servicePort</td><td>integer 1-65535</td><td>80</td><td>the Service's port</td></tr>
 *   <tr><td>healthPath</td><td>string, HTTP path</td><td>{@code /health}</td><td>what the probes request</td></tr>
 *   <tr><td>replicas</td><td>integer 1-100</td><td>2</td><td>the Deployment's initial replicas</td></tr>
 *   <tr><td>minReplicas</td><td>integer 1-100</td><td>{@code replicas}</td><td>the HPA's lower bound</td></tr>
 *   <tr><td>maxReplicas</td><td>integer 1-100, at least minReplicas</td><td>twice minReplicas, at least 5</td>
 *       <td>the HPA's upper bound</td></tr>
 *   <tr><td>targetCpuUtilization</td><td>integer 10-100</td><td>70</td><td>the HPA's CPU target, percent of requests</td></tr>
 *   <tr><td>cpuRequest</td><td>string, CPU quantity ({@code 250m}, {@code 0.5}, {@code 1})</td><td>{@code 100m}</td><td></td></tr>
 *   <tr><td>cpuLimit</td><td>string, CPU quantity, at least cpuRequest</td><td>{@code 500m}</td><td></td></tr>
 *   <tr><td>memoryRequest</td><td>string, memory quantity ({@code 128Mi}, {@code 1Gi})</td><td>{@code 128Mi}</td><td></td></tr>
 *   <tr><td>memoryLimit</td><td>string, memory quantity, at least memoryRequest</td><td>{@code 512Mi}</td><td></td></tr>
 *   <tr><td>namespace</td><td>string, DNS-1123 label</td><td>none</td>
 *       <td>set on every object when given; else the namespace kubectl applies to</td></tr>
 * </table>
 */
public final class KubernetesBlueprint implements Blueprint {

    private static final Pattern CPU = Pattern.compile("([1-9][0-9]{0,5})m|([0-9]{1,3}(?:\\.[0-9]{1,3})?)");
    private static final Pattern MEMORY = Pattern.compile("([1-9][0-9]{0,5})(Ki|Mi|Gi|Ti|k|M|G|T)?");
    private static final Map<String, Long> MEMORY_UNITS = Map.of(
            "", 1L, "k", 1000L, "M", 1000_000L, "G", 1000_000_000L, "T", 1000_000_000_000L,
            "Ki", 1L << 10, "Mi", 1L << 20, "Gi", 1L << 30, "Ti", 1L << 40);
    private static final Pattern LABEL_VALUE = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final Pattern TOKEN = Pattern.compile("\\{\\{[A-Z_:0-9]+}}\n?");
    /** The same user as the Dockerfile blueprint's images, so runAsNonRoot holds for any image USER. */
    private static final int RUN_AS = 10001;

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            {{METADATA}}
            spec:
              # Once the HPA runs it owns the replica count; drop this line if re-applying keeps resetting it.
              replicas: {{REPLICAS}}
              revisionHistoryLimit: 5
              selector:
                matchLabels:
            {{SELECTOR:6}}
              strategy:
                type: RollingUpdate
                rollingUpdate:
                  maxSurge: 25%
                  maxUnavailable: 0
              template:
                metadata:
                  labels:
            {{LABELS:8}}
                spec:
                  automountServiceAccountToken: false
                  terminationGracePeriodSeconds: 30
                  securityContext:
                    runAsNonRoot: true
                    runAsUser: {{RUN_AS}}
                    runAsGroup: {{RUN_AS}}
                    fsGroup: {{RUN_AS}}
                    seccompProfile:
                      type: RuntimeDefault
                  containers:
                    - name: {{NAME}}
                      image: {{IMAGE}}
                      imagePullPolicy: IfNotPresent
                      ports:
                        - name: http
                          containerPort: {{PORT}}
                          protocol: TCP
                      env:
                        - name: PORT
                          value: "{{PORT}}"
                      resources:
                        requests:
                          cpu: {{CPU_REQUEST}}
                          memory: {{MEMORY_REQUEST}}
                        limits:
                          cpu: {{CPU_LIMIT}}
                          memory: {{MEMORY_LIMIT}}
                      # Startup covers slow starts; liveness should not depend on other services.
            {{PROBES}}
                      securityContext:
                        allowPrivilegeEscalation: false
                        privileged: false
                        readOnlyRootFilesystem: true
                        runAsNonRoot: true
                        capabilities:
                          drop:
                            - ALL
                        seccompProfile:
                          type: RuntimeDefault
                      volumeMounts:
                        - name: tmp
                          mountPath: /tmp
                  volumes:
                    - name: tmp
                      emptyDir:
                        sizeLimit: 64Mi
            """;

    private static final String SERVICE = """
            apiVersion: v1
            kind: Service
            {{METADATA}}
            spec:
              type: ClusterIP
              selector:
            {{SELECTOR:4}}
              ports:
                - name: http
                  port: {{SERVICE_PORT}}
                  targetPort: http
                  protocol: TCP
            """;

    private static final String HPA = """
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            {{METADATA}}
            spec:
              scaleTargetRef:
                apiVersion: apps/v1
                kind: Deployment
                name: {{NAME}}
              minReplicas: {{MIN_REPLICAS}}
              maxReplicas: {{MAX_REPLICAS}}
              metrics:
                - type: Resource
                  resource:
                    name: cpu
                    target:
                      type: Utilization
                      averageUtilization: {{TARGET_CPU}}
              behavior:
                scaleDown:
                  stabilizationWindowSeconds: 300
            """;

    @Override
    public String kind() {
        return "kubernetes";
    }

    @Override
    public List<GeneratedFile> render(BlueprintParams params) {
        String name = CommonParams.name(params);
        String image = CommonParams.image(params, "ghcr.io/example/" + name + ":1.0.0");
        int port = CommonParams.port(params);
        int servicePort = params.integer("servicePort", 80, 1, 65535);
        String healthPath = CommonParams.healthPath(params, "/health");
        int replicas = params.integer("replicas", 2, 1, 100);
        int minReplicas = params.integer("minReplicas", replicas, 1, 100);
        int maxReplicas = params.integer("maxReplicas", Math.min(100, Math.max(5, 2 * minReplicas)), 1, 100);
        if (maxReplicas < minReplicas) {
            throw CommonParams.invalid("maxReplicas", "must be at least minReplicas (" + minReplicas + "), got "
                    + maxReplicas);
        }
        int targetCpu = params.integer("targetCpuUtilization", 70, 10, 100);
        String cpuRequest = params.text("cpuRequest", "100m", CPU, "a CPU quantity such as 250m or 0.5");
        String cpuLimit = params.text("cpuLimit", "500m", CPU, "a CPU quantity such as 500m or 1");
        requestWithinLimit("cpu", millicores(cpuRequest), millicores(cpuLimit), cpuLimit);
        String memoryRequest = params.text("memoryRequest", "128Mi", MEMORY, "a memory quantity such as 128Mi");
        String memoryLimit = params.text("memoryLimit", "512Mi", MEMORY, "a memory quantity such as 512Mi");
        requestWithinLimit("memory", bytes(memoryRequest), bytes(memoryLimit), memoryLimit);
        String namespace = params.text("namespace", null, CommonParams.DNS_LABEL, CommonParams.DNS_LABEL_RULE);

        List<String> selector = List.of("app.kubernetes.io/name: " + YamlScalar.of(name),
                "app.kubernetes.io/instance: " + YamlScalar.of(name));
        List<String> labels = new ArrayList<>(selector);
        imageVersion(image).ifPresent(version ->
                labels.add("app.kubernetes.io/version: " + YamlScalar.quoted(version)));
        String metadata = "metadata:\n  name: " + YamlScalar.of(name) + "\n"
                + (namespace == null ? "" : "  namespace: " + YamlScalar.of(namespace) + "\n")
                + "  labels:\n" + indented(labels, 4);
        Map<String, String> values = Map.ofEntries(
                Map.entry("{{METADATA}}\n", metadata),
                Map.entry("{{SELECTOR:4}}\n", indented(selector, 4)),
                Map.entry("{{SELECTOR:6}}\n", indented(selector, 6)),
                Map.entry("{{LABELS:8}}\n", indented(labels, 8)),
                Map.entry("{{PROBES}}\n", probes(healthPath)),
                Map.entry("{{NAME}}", YamlScalar.of(name)),
                Map.entry("{{IMAGE}}", YamlScalar.of(image)),
                Map.entry("{{PORT}}", String.valueOf(port)),
                Map.entry("{{SERVICE_PORT}}", String.valueOf(servicePort)),
                Map.entry("{{REPLICAS}}", String.valueOf(replicas)),
                Map.entry("{{MIN_REPLICAS}}", String.valueOf(minReplicas)),
                Map.entry("{{MAX_REPLICAS}}", String.valueOf(maxReplicas)),
                Map.entry("{{TARGET_CPU}}", String.valueOf(targetCpu)),
                Map.entry("{{RUN_AS}}", String.valueOf(RUN_AS)),
                Map.entry("{{CPU_REQUEST}}", YamlScalar.of(cpuRequest)),
                Map.entry("{{CPU_LIMIT}}", YamlScalar.of(cpuLimit)),
                Map.entry("{{MEMORY_REQUEST}}", YamlScalar.of(memoryRequest)),
                Map.entry("{{MEMORY_LIMIT}}", YamlScalar.of(memoryLimit)));
        return List.of(
                new GeneratedFile("deployment.yaml", fill(DEPLOYMENT, values)),
                new GeneratedFile("service.yaml", fill(SERVICE, values)),
                new GeneratedFile("hpa.yaml", fill(HPA, values)));
    }

    /** Replaces every {{TOKEN}}; tokens of whole lines end with their newline so an empty value leaves none. */
    private static String fill(String template, Map<String, String> values) {
        Matcher token = TOKEN.matcher(template);
        StringBuilder result = new StringBuilder();
        while (token.find()) {
            String value = values.get(token.group());
            if (value == null) {
                String bare = token.group().strip();
                value = values.get(bare) + token.group().substring(bare.length());
            }
            token.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        return token.appendTail(result).toString();
    }

    private static String probes(String healthPath) {
        return probe("startupProbe", healthPath, 5, 30)
                + probe("readinessProbe", healthPath, 10, 3)
                + probe("livenessProbe", healthPath, 20, 3);
    }

    private static String probe(String kind, String healthPath, int periodSeconds, int failureThreshold) {
        String pad = " ".repeat(10);
        return pad + kind + ":\n"
                + pad + "  httpGet:\n"
                + pad + "    path: " + YamlScalar.of(healthPath) + "\n"
                + pad + "    port: http\n"
                + pad + "  periodSeconds: " + periodSeconds + "\n"
                + pad + "  timeoutSeconds: 2\n"
                + pad + "  failureThreshold: " + failureThreshold + "\n";
    }

    private static String indented(List<String> lines, int spaces) {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(" ".repeat(spaces)).append(line).append('\n'));
        return text.toString();
    }

    /** The image's tag when it is also a valid label value, for app.kubernetes.io/version. */
    private static Optional<String> imageVersion(String image) {
        String withoutDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int colon = withoutDigest.lastIndexOf(':');
        if (colon < withoutDigest.lastIndexOf('/') || colon < 0) {
            return Optional.empty();
        }
        String tag = withoutDigest.substring(colon + 1);
        return LABEL_VALUE.matcher(tag).matches() ? Optional.of(tag) : Optional.empty();
    }

    private static void requestWithinLimit(String resource, long request, long limit, String limitText) {
        String param = resource + "Request";
        if (request <= 0) {
            throw CommonParams.invalid(param, "must be more than 0");
        }
        if (request > limit) {
            throw CommonParams.invalid(param, "must not exceed " + resource + "Limit (" + limitText + ")");
        }
    }

    private static long millicores(String quantity) {
        Matcher matcher = CPU.matcher(quantity);
        if (!matcher.matches()) {
            throw new IllegalStateException("unchecked CPU quantity " + quantity);
        }
        return matcher.group(1) != null
                ? Long.parseLong(matcher.group(1))
                : new BigDecimal(matcher.group(2)).movePointRight(3).longValueExact();
    }

    private static long bytes(String quantity) {
        Matcher matcher = MEMORY.matcher(quantity);
        if (!matcher.matches()) {
            throw new IllegalStateException("unchecked memory quantity " + quantity);
        }
        String unit = matcher.group(2) == null ? "" : matcher.group(2);
        return Long.parseLong(matcher.group(1)) * MEMORY_UNITS.get(unit);
    }
}
