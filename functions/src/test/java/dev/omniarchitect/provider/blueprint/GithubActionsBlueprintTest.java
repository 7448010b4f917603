package dev.omniarchitect.provider.blueprint;

import static dev.omniarchitect.provider.blueprint.BlueprintTestSupport.rejected;
import static dev.omniarchitect.provider.blueprint.BlueprintTestSupport.render;
import static dev.omniarchitect.provider.blueprint.BlueprintTestSupport.texts;
import static dev.omniarchitect.provider.blueprint.BlueprintTestSupport.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GithubActionsBlueprintTest {

    private static final String KIND = "github-actions";
    private static final String PATH = ".github/workflows/ci.yml";
    private static final Pattern PINNED_ACTION = Pattern.compile("[\\w.-]+/[\\w.-]+@v\\d+(\\.\\d+)*");

    @ParameterizedTest
    @CsvSource({
        "java, actions/setup-java@v4, java-version, 21, maven, mvn -B -ntp verify",
        "node, actions/setup-node@v4, node-version, 22, npm, npm ci",
        "python, actions/setup-python@v5, python-version, 3.12, pip, python -m pytest",
        "go, actions/setup-go@v5, go-version, 1.24, true, go test -race ./...",
    })
    void everyLanguageGetsALeastPrivilegeCachedPinnedWorkflow(String language, String setupAction,
                                                              String versionInput, String version, String cache,
                                                              String command) {
        Map<String, String> files = render(KIND, "{\"language\":\"" + language + "\"}");
        assertEquals(List.of(PATH), List.copyOf(files.keySet()));
        JsonNode workflow = yaml(files.get(PATH));

        assertEquals("CI", workflow.get("name").asText());
        assertEquals(List.of("main"), texts(workflow.at("/on/push/branches")));
        assertEquals(List.of("main"), texts(workflow.at("/on/pull_request/branches")));
        assertEquals("{\"contents\":\"read\"}", workflow.get("permissions").toString());
        assertTrue(workflow.at("/concurrency/group").asText().contains("${{ github.ref }}"));
        assertTrue(workflow.at("/concurrency/cancel-in-progress").asBoolean());

        JsonNode jobs = workflow.get("jobs");
        assertFalse(jobs.isEmpty());
        List<String> uses = new ArrayList<>();
        List<String> runs = new ArrayList<>();
        JsonNode setup = null;
        for (JsonNode job : jobs) {
            assertTrue(job.get("timeout-minutes").isInt(), "every job needs timeout-minutes");
            assertFalse(job.get("runs-on").asText().endsWith("-latest"), "pin the runner image");
            for (JsonNode step : job.get("steps")) {
                if (step.has("uses")) {
                    uses.add(step.get("uses").asText());
                    if (step.get("uses").asText().equals(setupAction)) {
                        setup = step;
                    }
                }
                if (step.has("run")) {
                    runs.add(step.get("run").asText());
                }
            }
        }
        uses.forEach(action -> assertTrue(PINNED_ACTION.matcher(action).matches(), "unpinned action " + action));
        assertTrue(uses.contains("actions/checkout@v4"));
        assertTrue(setup != null, "no " + setupAction + " step in " + uses);
        assertTrue(setup.at("/with/" + versionInput).isTextual(), "versions are strings, or 3.10 becomes 3.1");
        assertEquals(version, setup.at("/with/" + versionInput).asText());
        assertEquals(cache, setup.at("/with/cache").asText(), "dependency caching");
        assertTrue(runs.contains(command), runs.toString());
    }

    @Test
    void checkoutDoesNotPersistTheToken() {
        JsonNode checkout = yaml(render(KIND, null).get(PATH)).at("/jobs/build/steps/0");

        assertEquals("actions/checkout@v4", checkout.get("uses").asText());
        assertFalse(checkout.at("/with/persist-credentials").asBoolean(true));
    }

    @Test
    void customNameBranchesVersionAndTimeout() {
        JsonNode workflow = yaml(render(KIND, "{\"language\":\"python\",\"name\":\"Build and test (api)\","
                + "\"branches\":[\"main\",\"release/*\",\"no\"],\"pythonVersion\":\"3.11\",\"timeoutMinutes\":30}")
                .get(PATH));

        assertEquals("Build and test (api)", workflow.get("name").asText());
        assertEquals(List.of("main", "release/*", "no"), texts(workflow.at("/on/push/branches")));
        assertTrue(workflow.at("/on/push/branches/2").isTextual(), "a branch named no stays a string");
        assertEquals("3.11", workflow.at("/jobs/build/steps/1/with/python-version").asText());
        assertEquals(30, workflow.at("/jobs/build/timeout-minutes").asInt());
    }

    @Test
    void javaUsesTemurinAndTheRequestedVersion() {
        JsonNode setup = yaml(render(KIND, "{\"javaVersion\":17}").get(PATH)).at("/jobs/build/steps/1");

        assertEquals("temurin", setup.at("/with/distribution").asText());
        assertEquals("17", setup.at("/with/java-version").asText());
    }

    @Test
    void theSameParamsRenderTheSameBytes() {
        String params = "{\"language\":\"go\",\"branches\":[\"main\",\"dev\"]}";
        assertEquals(render(KIND, params), render(KIND, params));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"language\":\"rust\"}|language",
        "{\"branches\":[]}|branches",
        "{\"branches\":[\"bad branch\"]}|branches",
        "{\"branches\":[\"../x\"]}|branches",
        "{\"branches\":[\"main\\\"\"]}|branches",
        "{\"branches\":\"main\"}|branches",
        "{\"name\":\"ci: \\\"x\\\"\"}|name",
        "{\"language\":\"python\",\"pythonVersion\":\"2.7\"}|pythonVersion",
        "{\"language\":\"node\",\"nodeVersion\":18}|nodeVersion",
        "{\"timeoutMinutes\":0}|timeoutMinutes",
    })
    void invalidParamsAreRefusedNamingTheParam(String params, String param) {
        rejected(KIND, params, param);
    }
}
