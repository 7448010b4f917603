package dev.omniarchitect.kinds.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.validation.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

class KubernetesValidatorTest {

    private static final KubernetesValidator VALIDATOR = new KubernetesValidator();

    private static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
            spec:
              securityContext:
                runAsNonRoot: true
              contianers:
                - name: web
                  image: ghcr.io/example/web:1.0.0
              containers:
                - name: web
                  image: ghcr.io/example/web:1.0.0
                  ports:
                    - containerPort: http
                  resources:
                    requests: {cpu: 100m, memory: 64Mi}
                    limits: {cpu: 200m, memory: 128Mi}
                  readinessProbe: {tcpSocket: {port: 8080}}
                  livenessProbe: {tcpSocket: {port: 8080}}
            """;

    @Test
    void aMisspeltFieldIsAnErrorOnItsLineWithTheFieldItWasMeantToBe() {
        Finding unknown = findings(POD).stream().filter(f -> f.rule().equals("kubernetes/unknown-field")).findFirst()
                .orElseThrow();

        assertEquals(8, unknown.line());
        assertEquals("unknown field \"contianers\" in PodSpec at spec; did you mean \"containers\"?", unknown.message());
    }

    @Test
    void aValueOfTheWrongTypeIsAnErrorOnItsLine() {
        Finding wrongType = findings(POD).stream().filter(f -> f.rule().equals("kubernetes/wrong-type")).findFirst()
                .orElseThrow();

        assertEquals(15, wrongType.line());
        assertEquals("spec.containers[0].ports[0].containerPort must be an integer, got \"http\"", wrongType.message());
    }

    @Test
    void everyUnknownFieldOfADocumentIsReportedNotJustTheFirst() {
        List<Finding> findings = findings("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                  lables: {a: b}
                dta:
                  key: value
                """);

        assertEquals(List.of("kubernetes/unknown-field@5", "kubernetes/unknown-field@6"),
                findings.stream().map(f -> f.rule() + "@" + f.line()).toList());
    }

    @Test
    void everyTypeErrorAndEveryUnknownFieldOfAFileIsReportedNotJustTheFirst() {
        List<Finding> findings = findings("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                  labels: {tier: 3}
                  annotations: [a, b]
                data:
                  WORKERS: 4
                binaryDta: {}
                immutable: false
                """);

        assertEquals(List.of("kubernetes/wrong-type@5", "kubernetes/wrong-type@6", "kubernetes/wrong-type@8",
                        "kubernetes/unknown-field@9"),
                findings.stream().map(f -> f.rule() + "@" + f.line()).toList(), findings::toString);
    }

    @Test
    void aNumberWhereKubernetesWantsAStringIsAnError() {
        List<Finding> findings = findings("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                data:
                  WORKERS: 4
                """);

        assertEquals(1, findings.size(), findings::toString);
        assertEquals("kubernetes/wrong-type", findings.get(0).rule());
        assertEquals(6, findings.get(0).line());
        assertTrue(findings.get(0).message().contains("must be a string"), findings.get(0).message());
    }

    @Test
    void removedApiVersionsNameTheirSuccessor() {
        List<Finding> findings = findings("""
                apiVersion: batch/v1beta1
                kind: CronJob
                metadata:
                  name: nightly
                """);

        assertEquals(1, findings.size(), findings::toString);
        assertEquals("CronJob batch/v1beta1 was removed from Kubernetes; use apiVersion batch/v1",
                findings.get(0).message());
    }

    private static List<Finding> findings(String manifest) {
        return VALIDATOR.validate(List.of(new GeneratedFile("pod.yaml", manifest)));
    }
}
