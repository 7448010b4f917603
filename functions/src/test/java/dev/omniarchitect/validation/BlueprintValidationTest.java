package dev.omniarchitect.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.kind.AnswerParser;
import dev.omniarchitect.kind.Kind;
import dev.omniarchitect.kind.KindRegistry;
import dev.omniarchitect.provider.ProviderRequest;
import dev.omniarchitect.provider.blueprint.BlueprintProvider;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Blueprint output needs no repair round: every blueprint, with the params its own tests use, passes its
 * kind's validator without a single finding, warnings included.
 */
class BlueprintValidationTest {

    private static final KindRegistry KINDS = KindRegistry.builtIn();
    private static final BlueprintProvider BLUEPRINTS = BlueprintProvider.builtIn();
    private static final ValidatorRegistry VALIDATORS = ValidatorRegistry.builtIn();
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "dockerfile|{}",
        "dockerfile|{\"runtime\":\"java\",\"javaVersion\":17}",
        "dockerfile|{\"runtime\":\"java\",\"javaVersion\":25}",
        "dockerfile|{\"runtime\":\"node\",\"nodeVersion\":20}",
        "dockerfile|{\"runtime\":\"node\"}",
        "dockerfile|{\"runtime\":\"python\",\"pythonVersion\":\"3.13\"}",
        "dockerfile|{\"runtime\":\"python\",\"name\":\"billing-api\",\"port\":9090,\"healthPath\":\"/ready\"}",
        "dockerfile|{\"runtime\":\"go\",\"goVersion\":\"1.25\"}",
        "dockerfile|{\"runtime\":\"go\",\"name\":\"orders\",\"port\":9000}",
        "dockerfile|{\"runtime\":\"static\",\"nodeVersion\":24}",
        "dockerfile|{\"runtime\":\"static\",\"port\":3000}",
        "dockerfile|{\"runtime\":\"java\",\"port\":8443,\"name\":\"x1\"}",
        "docker-compose|{}",
        "docker-compose|{\"database\":\"mysql\"}",
        "docker-compose|{\"database\":\"none\"}",
        "docker-compose|{\"services\":[\"api\",\"worker\"],\"port\":3000}",
        "docker-compose|{\"image\":\"registry.example.com:5000/team/shop@sha256:"
                + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}",
        "docker-compose|{\"services\":[\"a\",\"b\"],\"registry\":\"quay.io/acme\",\"tag\":\"2024.06.1\"}",
        "docker-compose|{\"services\":[\"no\",\"123\",\"on\"],\"database\":\"none\"}",
        "docker-compose|{\"services\":[\"a\",\"b\"],\"database\":\"mysql\",\"port\":5000}",
        "docker-compose|{\"services\":[\"db\"],\"database\":\"none\"}",
        "kubernetes|{}",
        "kubernetes|{\"name\":\"web\",\"image\":\"ghcr.io/acme/web:2.3.1\"}",
        "kubernetes|{\"name\":\"shop\",\"namespace\":\"prod\",\"port\":9000,\"servicePort\":8080,\"replicas\":3,"
                + "\"maxReplicas\":12,\"targetCpuUtilization\":60,\"cpuRequest\":\"0.25\",\"cpuLimit\":\"1\","
                + "\"memoryRequest\":\"256Mi\",\"memoryLimit\":\"1Gi\",\"healthPath\":\"/healthz\"}",
        "kubernetes|{\"replicas\":1}",
        "kubernetes|{\"replicas\":8}",
        "kubernetes|{\"image\":\"ghcr.io/acme/web@sha256:"
                + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\"}",
        "kubernetes|{\"name\":\"123\"}",
        "kubernetes|{\"name\":\"web\",\"namespace\":\"prod\",\"replicas\":4}",
        "terraform|{}",
        "terraform|{\"cloud\":\"gcp\"}",
        "terraform|{\"cloud\":\"gcp\",\"name\":\"reports\",\"project\":\"acme-prod-1\"}",
        "terraform|{\"cloud\":\"gcp\",\"region\":\"us-east1\"}",
        "terraform|{\"name\":\"audit-logs\",\"region\":\"us-gov-west-1\"}",
        "github-actions|{}",
        "github-actions|{\"language\":\"node\"}",
        "github-actions|{\"language\":\"python\"}",
        "github-actions|{\"language\":\"go\",\"branches\":[\"main\",\"dev\"]}",
        "github-actions|{\"language\":\"python\",\"name\":\"Build and test (api)\",\"branches\":[\"main\",\"release/*\","
                + "\"no\"],\"pythonVersion\":\"3.11\",\"timeoutMinutes\":30}",
        "github-actions|{\"javaVersion\":17}",
        "prometheus-rules|{}",
        "prometheus-rules|{\"name\":\"checkout\",\"errorRatePercent\":1,\"latencyP99Seconds\":300}",
        "prometheus-rules|{\"name\":\"checkout\",\"errorRatePercent\":10,\"latencyP99Seconds\":2,\"forMinutes\":3,"
                + "\"requestsMetric\":\"api_requests_total\",\"statusLabel\":\"status\","
                + "\"durationMetric\":\"api_latency_seconds\"}",
        "prometheus-rules|{\"errorRatePercent\":100}",
    })
    void blueprintOutputPassesItsValidatorWithoutFindings(String kind, String params) throws Exception {
        ValidationReport report = VALIDATORS.validate(kind, render(kind, params));

        assertTrue(report.ok(), () -> describe(report));
        assertEquals(List.of(), report.findings(), () -> describe(report));
    }

    /** Blueprints added later are covered with their defaults, before their params get listed above. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kindsWithBlueprints")
    void everyBlueprintsDefaultOutputPassesItsValidatorWithoutFindings(String kind) throws Exception {
        ValidationReport report = VALIDATORS.validate(kind, render(kind, "{}"));

        assertEquals(List.of(), report.findings(), () -> describe(report));
    }

    @Test
    void everyKindWithABlueprintHasAValidator() {
        Set<String> withBlueprints = kindsWithBlueprints().collect(Collectors.toSet());

        assertTrue(withBlueprints.size() >= 6, withBlueprints.toString());
        withBlueprints.forEach(kind -> assertTrue(VALIDATORS.supports(kind), kind));
    }

    /** Kinds with blueprints whose output is files to validate; a security review's output is findings. */
    static Stream<String> kindsWithBlueprints() {
        return KINDS.names().stream().filter(BLUEPRINTS::supports).filter(kind -> !KINDS.get(kind).takesInput());
    }

    private static List<GeneratedFile> render(String kind, String params) throws Exception {
        Kind k = KINDS.get(kind);
        ProviderRequest request = new ProviderRequest(k, BlueprintProvider.MODEL, "render it", JSON.readTree(params),
                0.0, 4000, Duration.ofSeconds(5));
        return new AnswerParser().parse(k, BLUEPRINTS.generate(request).join().text());
    }

    static String describe(ValidationReport report) {
        return report.findings().stream()
                .map(finding -> finding.severity().wireName() + " " + finding.rule() + " " + finding.path() + ":"
                        + finding.line() + " " + finding.message())
                .collect(Collectors.joining("\n"));
    }
}
