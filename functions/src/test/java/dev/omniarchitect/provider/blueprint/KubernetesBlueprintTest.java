package dev.omniarchitect.provider.blueprint;

import static dev.omniarchitect.provider.blueprint.BlueprintTestSupport.rejected;
import static dev.omniarchitect.provider.blueprint.BlueprintTestSupport.render;
import static dev.omniarchitect.provider.blueprint.BlueprintTestSupport.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubernetesBlueprintTest {

    private static final String KIND = "kubernetes";

    @Test
    void rendersADeploymentAServiceAndAnHpa() {
        Map<String, String> files = render(KIND, null);

        assertEquals(List.of("deployment.yaml", "service.yaml", "hpa.yaml"), List.copyOf(files.keySet()));
        JsonNode deployment = yaml(files.get("deployment.yaml"));
        JsonNode service = yaml(files.get("service.yaml"));
        JsonNode hpa = yaml(files.get("hpa.yaml"));
        assertEquals("apps/v1 Deployment", deployment.get("apiVersion").asText() + " " + deployment.get("kind").asText());
        assertEquals("v1 Service", service.get("apiVersion").asText() + " " + service.get("kind").asText());
        assertEquals("autoscaling/v2 HorizontalPodAutoscaler", hpa.get("apiVersion").asText() + " "
                + hpa.get("kind").asText());
        for (JsonNode object : List.of(deployment, service, hpa)) {
            assertEquals("app", object.at("/metadata/name").asText());
            assertFalse(object.at("/metadata").has("namespace"), "no namespace unless asked");
        }
    }

    @Test
    void theContainerHasResourcesProbesAndARestrictedSecurityContext() {
        JsonNode deployment = yaml(render(KIND, null).get("deployment.yaml"));
        JsonNode pod = deployment.at("/spec/template/spec");
        JsonNode container = pod.at("/containers/0");

        assertEquals("ghcr.io/example/app:1.0.0", container.get("image").asText());
        assertEquals(8080, container.at("/ports/0/containerPort").asInt());
        assertEquals("http", container.at("/ports/0/name").asText());
        for (String kind : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                assertTrue(container.at("/resources/" + kind + "/" + resource).isTextual(), kind + "." + resource);
            }
        }
        assertEquals("500m", container.at("/resources/limits/cpu").asText());
        assertEquals("512Mi", container.at("/resources/limits/memory").asText());
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertEquals("/health", container.at("/" + probe + "/httpGet/path").asText(), probe);
            assertEquals("http", container.at("/" + probe + "/httpGet/port").asText(), probe);
        }
        JsonNode security = container.get("securityContext");
        assertTrue(security.get("runAsNonRoot").asBoolean());
        assertTrue(security.get("readOnlyRootFilesystem").asBoolean());
        assertFalse(security.get("allowPrivilegeEscalation").asBoolean());
        assertTrue(security.get("allowPrivilegeEscalation").isBoolean());
        assertEquals("[\"ALL\"]", security.at("/capabilities/drop").toString());
        assertEquals("RuntimeDefault", security.at("/seccompProfile/type").asText());
        assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean());
        assertEquals("RuntimeDefault", pod.at("/securityContext/seccompProfile/type").asText());
        assertTrue(pod.at("/securityContext/runAsUser").asInt() > 0);
        assertEquals("/tmp", container.at("/volumeMounts/0/mountPath").asText());
        assertEquals(container.at("/volumeMounts/0/name").asText(), pod.at("/volumes/0/name").asText());
        assertTrue(pod.at("/volumes/0").has("emptyDir"), "the writable /tmp is an emptyDir");
    }

    @Test
    void labelsAreConsistentAndTheSelectorsMatchThePods() {
        Map<String, String> files = render(KIND, "{\"name\":\"web\",\"image\":\"ghcr.io/acme/web:2.3.1\"}");
        JsonNode deployment = yaml(files.get("deployment.yaml"));
        JsonNode service = yaml(files.get("service.yaml"));
        JsonNode hpa = yaml(files.get("hpa.yaml"));

        JsonNode labels = deployment.at("/metadata/labels");
        assertEquals("web", labels.get("app.kubernetes.io/name").asText());
        assertEquals("web", labels.get("app.kubernetes.io/instance").asText());
        assertEquals("2.3.1", labels.get("app.kubernetes.io/version").asText());
        assertEquals(labels, service.at("/metadata/labels"));
        assertEquals(labels, hpa.at("/metadata/labels"));
        assertEquals(labels, deployment.at("/spec/template/metadata/labels"));
        JsonNode selector = deployment.at("/spec/selector/matchLabels");
        assertFalse(selector.has("app.kubernetes.io/version"), "a selector must not change between versions");
        selector.fieldNames().forEachRemaining(key ->
                assertEquals(selector.get(key), labels.get(key), "pods must carry selector label " + key));
        assertEquals(selector, service.at("/spec/selector"));
        assertEquals("http", service.at("/spec/ports/0/targetPort").asText());
        assertEquals(80, service.at("/spec/ports/0/port").asInt());
        assertEquals("Deployment", hpa.at("/spec/scaleTargetRef/kind").asText());
        assertEquals("apps/v1", hpa.at("/spec/scaleTargetRef/apiVersion").asText());
        assertEquals("web", hpa.at("/spec/scaleTargetRef/name").asText());
    }

    @Test
    void customParamsReachEveryObject() {
        Map<String, String> files = render(KIND, "{\"name\":\"shop\",\"namespace\":\"prod\",\"port\":9000,"
                + "\"servicePort\":8080,\"replicas\":3,\"maxReplicas\":12,\"targetCpuUtilization\":60,"
                + "\"cpuRequest\":\"0.25\",\"cpuLimit\":\"1\",\"memoryRequest\":\"256Mi\",\"memoryLimit\":\"1Gi\","
                + "\"healthPath\":\"/healthz\"}");
        JsonNode deployment = yaml(files.get("deployment.yaml"));
        JsonNode hpa = yaml(files.get("hpa.yaml"));
        JsonNode container = deployment.at("/spec/template/spec/containers/0");

        for (String file : files.keySet()) {
            assertEquals("prod", yaml(files.get(file)).at("/metadata/namespace").asText(), file);
        }
        assertEquals(3, deployment.at("/spec/replicas").asInt());
        assertEquals("ghcr.io/example/shop:1.0.0", container.get("image").asText());
        assertEquals(9000, container.at("/ports/0/containerPort").asInt());
        assertEquals("9000", container.at("/env/0/value").asText());
        assertTrue(container.at("/env/0/value").isTextual(), "env values must be strings");
        assertEquals("0.25", container.at("/resources/requests/cpu").asText());
        assertEquals("1", container.at("/resources/limits/cpu").asText());
        assertEquals("1Gi", container.at("/resources/limits/memory").asText());
        assertEquals("/healthz", container.at("/readinessProbe/httpGet/path").asText());
        assertEquals(8080, yaml(files.get("service.yaml")).at("/spec/ports/0/port").asInt());
        assertEquals(3, hpa.at("/spec/minReplicas").asInt());
        assertEquals(12, hpa.at("/spec/maxReplicas").asInt());
        assertEquals(60, hpa.at("/spec/metrics/0/resource/target/averageUtilization").asInt());
    }

    @Test
    void hpaBoundsDefaultFromReplicas() {
        JsonNode small = yaml(render(KIND, "{\"replicas\":1}").get("hpa.yaml"));
        JsonNode large = yaml(render(KIND, "{\"replicas\":8}").get("hpa.yaml"));

        assertEquals(1, small.at("/spec/minReplicas").asInt());
        assertEquals(5, small.at("/spec/maxReplicas").asInt());
        assertEquals(8, large.at("/spec/minReplicas").asInt());
        assertEquals(16, large.at("/spec/maxReplicas").asInt());
    }

    @Test
    void aDigestPinnedImageIsAcceptedAndGetsNoVersionLabel() {
        String image = "ghcr.io/acme/web@sha256:" + "0123456789abcdef".repeat(4);
        JsonNode deployment = yaml(render(KIND, "{\"image\":\"" + image + "\"}").get("deployment.yaml"));

        assertEquals(image, deployment.at("/spec/template/spec/containers/0/image").asText());
        assertFalse(deployment.at("/metadata/labels").has("app.kubernetes.io/version"));
    }

    @Test
    void aNumericNameStaysAString() {
        JsonNode deployment = yaml(render(KIND, "{\"name\":\"123\"}").get("deployment.yaml"));

        assertTrue(deployment.at("/metadata/name").isTextual(), deployment.at("/metadata/name").toString());
        assertTrue(deployment.at("/spec/template/spec/containers/0/name").isTextual());
        assertEquals("123", deployment.at("/spec/selector/matchLabels/app.kubernetes.io~1name").asText());
    }

    @Test
    void theSameParamsRenderTheSameBytes() {
        String params = "{\"name\":\"web\",\"namespace\":\"prod\",\"replicas\":4}";
        assertEquals(render(KIND, params), render(KIND, params));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"image\":\"nginx:latest\"}|image",
        "{\"image\":\"ghcr.io/acme/web:LATEST\"}|image",
        "{\"image\":\"nginx\"}|image",
        "{\"image\":\"localhost:5000/web\"}|image",
        "{\"image\":\"Nginx:1.27\"}|image",
        "{\"image\":\"nginx:1.27 --privileged\"}|image",
        "{\"name\":\"Web\"}|name",
        "{\"namespace\":\"Prod\"}|namespace",
        "{\"replicas\":0}|replicas",
        "{\"replicas\":101}|replicas",
        "{\"minReplicas\":6,\"maxReplicas\":3}|maxReplicas",
        "{\"port\":70000}|port",
        "{\"cpuRequest\":\"2\"}|cpuRequest",
        "{\"cpuRequest\":\"abc\"}|cpuRequest",
        "{\"cpuRequest\":\"0\"}|cpuRequest",
        "{\"memoryRequest\":\"1Gi\"}|memoryRequest",
        "{\"memoryLimit\":\"512MB\"}|memoryLimit",
        "{\"targetCpuUtilization\":5}|targetCpuUtilization",
        "{\"healthPath\":\"/a b\"}|healthPath",
    })
    void invalidParamsAreRefusedNamingTheParam(String params, String param) {
        rejected(KIND, params, param);
    }
}
