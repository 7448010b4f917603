package dev.omniarchitect.provider.blueprint;

import static dev.omniarchitect.provider.blueprint.BlueprintTestSupport.KINDS;
import static dev.omniarchitect.provider.blueprint.BlueprintTestSupport.PROVIDER;
import static dev.omniarchitect.provider.blueprint.BlueprintTestSupport.answer;
import static dev.omniarchitect.provider.blueprint.BlueprintTestSupport.render;
import static dev.omniarchitect.provider.blueprint.BlueprintTestSupport.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omniarchitect.kind.Kind;
import dev.omniarchitect.provider.ErrorCode;
import dev.omniarchitect.provider.ProviderAnswer;
import dev.omniarchitect.provider.ProviderException;
import dev.omniarchitect.provider.ProviderRequest;
import dev.omniarchitect.provider.Usage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BlueprintProviderTest {

    /** An image pinned to latest; a policy that bans latest may name the word itself. */
    private static final java.util.regex.Pattern LATEST_IMAGE =
            java.util.regex.Pattern.compile("(?:image|FROM)[:\\s]\\s*[\"']?[a-z0-9][^\\s\"'@]*:latest\\b");

    @Test
    void everyBuiltInKindHasABlueprintWhoseFilesAreTheKindsDefaultNames() {
        for (Kind kind : KINDS.all()) {
            assertTrue(PROVIDER.supports(kind.name()), kind.name());
            Map<String, String> files = render(kind.name(), null);
            assertEquals(kind.defaultFileNames(), List.copyOf(files.keySet()), kind.name());
            files.forEach((path, content) -> {
                assertFalse(content.isBlank(), path);
                assertTrue(content.endsWith("\n") && !content.endsWith("\n\n"), path + " ends with one newline");
                assertFalse(content.contains("\r") || content.contains("\t"), path);
                assertFalse(Pattern.compile("\\{\\{[A-Z_:0-9]+}}").matcher(content).find(), path + " has a leftover token");
                assertFalse(LATEST_IMAGE.matcher(content).find(), path + " must pin versions");
            });
        }
    }

    @Test
    void answersAreMarkedAsBlueprintOutput() {
        ProviderAnswer answer = answer("dockerfile", "{}");

        assertEquals(BlueprintProvider.MODEL, answer.model());
        assertEquals(Usage.NONE, answer.usage());
        assertEquals("stop", answer.finishReason());
        assertTrue(answer.text().startsWith("```text path=Dockerfile\n"), answer.text());
        assertEquals("blueprint", PROVIDER.name());
        assertTrue(PROVIDER.isConfigured());
    }

    @Test
    void everyKindRendersByteIdenticalAnswersForTheSameParamsWhateverTheirOrder() {
        Map<String, List<String>> sameParams = Map.of(
                "dockerfile", List.of("{\"runtime\":\"go\",\"port\":9000}", "{\"port\":9000,\"runtime\":\"go\"}"),
                "docker-compose", List.of("{\"services\":[\"a\",\"b\"],\"database\":\"mysql\"}",
                        "{\"database\":\"mysql\",\"services\":[\"a\",\"b\"]}"),
                "kubernetes", List.of("{\"name\":\"web\",\"replicas\":3}", "{\"replicas\":3,\"name\":\"web\"}"),
                "terraform", List.of("{\"cloud\":\"gcp\",\"name\":\"x\"}", "{\"name\":\"x\",\"cloud\":\"gcp\"}"),
                "github-actions", List.of("{\"language\":\"node\",\"name\":\"CI\"}", "{\"name\":\"CI\",\"language\":\"node\"}"),
                "prometheus-rules", List.of("{\"name\":\"a\",\"forMinutes\":2}", "{\"forMinutes\":2,\"name\":\"a\"}"),
                "grafana-dashboard", List.of("{\"name\":\"web\",\"refresh\":\"5m\"}", "{\"refresh\":\"5m\",\"name\":\"web\"}"),
                "cloudformation", List.of("{\"encryption\":\"kms\",\"name\":\"x\"}", "{\"name\":\"x\",\"encryption\":\"kms\"}"),
                "security-policy", List.of("{\"engine\":\"opa\",\"excludeNamespaces\":[\"a\"]}",
                        "{\"excludeNamespaces\":[\"a\"],\"engine\":\"opa\"}"),
                "security-review", List.of("{}", "{}"));
        assertEquals(Set.copyOf(KINDS.names()), sameParams.keySet(), "cover every kind");
        sameParams.forEach((kind, params) -> {
            String first = answer(kind, params.get(0)).text();
            assertEquals(first, answer(kind, params.get(0)).text(), kind);
            assertEquals(first, answer(kind, params.get(1)).text(), kind);
        });
    }

    @Test
    void missingParamsAndEmptyParamsGiveTheDefaults() {
        for (String kind : KINDS.names()) {
            assertEquals(answer(kind, null).text(), answer(kind, "{}").text(), kind);
            assertEquals(answer(kind, null).text(), answer(kind, "{\"port\":null}").text(), kind);
        }
    }

    @Test
    void aKindWithoutBlueprintIsABadRequest() {
        Kind other = new Kind("helm", "a chart", "prompt", "helm/1", List.of("Chart.yaml"), Set.of("yaml"));
        ProviderRequest request = new ProviderRequest(other, "m", "u", null, 0, 10, Duration.ofSeconds(1));

        CompletionException thrown = assertThrows(CompletionException.class, () -> PROVIDER.generate(request).join());
        ProviderException e = assertInstanceOf(ProviderException.class, thrown.getCause());
        assertEquals(ErrorCode.PROVIDER_BAD_REQUEST, e.code());
        assertFalse(PROVIDER.supports("helm"));
    }

    @Test
    void invalidParamsFailTheFutureRatherThanThrow() {
        var future = PROVIDER.generate(request("kubernetes", "{\"image\":\"nginx:latest\"}"));

        assertTrue(future.isCompletedExceptionally());
    }
}
