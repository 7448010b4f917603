package dev.omniarchitect.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.json.Json;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValidatorRegistryTest {

    private static final ValidatorRegistry VALIDATORS = ValidatorRegistry.builtIn();

    @ParameterizedTest
    @ValueSource(strings = {"dockerfile", "docker-compose", "kubernetes", "terraform", "github-actions",
        "prometheus-rules", "grafana-dashboard", "cloudformation", "security-policy"})
    void everyBuiltInKindHasAValidator(String kind) {
        assertTrue(VALIDATORS.supports(kind));
        assertEquals(kind, VALIDATORS.validator(kind).kind());
    }

    @Test
    void checksRunInlineWithoutToolsAndOnThreadsOfTheirOwnWithThem() {
        String caller = Thread.currentThread().getName();
        assertEquals(caller, CompletableFuture.supplyAsync(() -> Thread.currentThread().getName(),
                VALIDATORS.executor()).join(), "in-process checks run where the answer arrived");

        ExternalCheck tool = new ExternalCheck() {
            @Override
            public Set<String> kinds() {
                return Set.of("dockerfile");
            }

            @Override
            public Result check(FileValidator validator, List<GeneratedFile> files) {
                return new Result("tool 1.0", List.of());
            }
        };
        ValidatorRegistry withTool = ValidatorRegistry.builtIn(List.of(tool));
        String ran = CompletableFuture.supplyAsync(() -> Thread.currentThread().getName(), withTool.executor()).join();
        assertEquals("omni-checks", ran, "a tool's wait never holds the thread that completed the call");
    }

    @Test
    void anUnknownKindIsRefusedNamingTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VALIDATORS.validate("helm", List.of()));

        assertTrue(e.getMessage().contains("helm") && e.getMessage().contains("kubernetes"), e.getMessage());
        assertFalse(VALIDATORS.supports("helm"));
    }

    @Test
    void anAnswerWithoutTheKindsFileIsInvalid() {
        ValidationReport report = VALIDATORS.validate("terraform", List.of(new GeneratedFile("README.md", "# hi\n")));

        assertFalse(report.ok());
        assertEquals("terraform/missing-file", report.findings().get(0).rule());
    }

    @Test
    void aValidatorThatFailsGivesAWarningInsteadOfAnException() {
        FileValidator broken = new FileValidator() {
            @Override
            public String kind() {
                return "broken";
            }

            @Override
            public List<Rule> rules() {
                return List.of();
            }

            @Override
            public List<Finding> validate(List<GeneratedFile> files) {
                throw new IllegalStateException("bug");
            }
        };

        ValidationReport report = new ValidatorRegistry(List.of(broken)).validate("broken", List.of());

        assertTrue(report.ok());
        assertEquals("validation/not-checked", report.findings().get(0).rule());
        assertEquals(Severity.WARNING, report.findings().get(0).severity());
    }

    @Test
    void reportsAreOrderedByFileAndLineAndOkOnlyWithoutErrors() {
        Rule error = Rule.error("x/error", null);
        Rule warning = Rule.warning("x/warning", "fix it");

        ValidationReport report = ValidationReport.of(List.of(warning.at("b", 2, "w"), error.at("b", 1, "e"),
                warning.at("a", null, "w"), error.at(null, null, "answer")));

        assertEquals(List.of("null:null", "a:null", "b:1", "b:2"),
                report.findings().stream().map(f -> f.path() + ":" + f.line()).toList());
        assertFalse(report.ok());
        assertEquals(2, report.errorCount());
        assertTrue(ValidationReport.of(List.of(warning.at("a", 1, "w"))).ok());
    }

    @Test
    void reportsRoundTripThroughJsonWithLowerCaseSeverities() throws Exception {
        ValidationReport report = ValidationReport.of(List.of(
                Rule.error("dockerfile/user-not-root", "Add USER.").at("Dockerfile", 3, "runs as root")));

        JsonNode json = Json.mapper().valueToTree(report);

        assertEquals("error", json.at("/findings/0/severity").asText());
        assertEquals(3, json.at("/findings/0/line").asInt());
        assertFalse(json.get("ok").asBoolean());
        assertEquals(report, Json.mapper().treeToValue(json, ValidationReport.class));
    }
}
