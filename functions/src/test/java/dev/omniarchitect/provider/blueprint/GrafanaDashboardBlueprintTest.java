package dev.omniarchitect.provider.blueprint;

import static dev.omniarchitect.provider.blueprint.BlueprintTestSupport.rejected;
import static dev.omniarchitect.provider.blueprint.BlueprintTestSupport.render;
import static dev.omniarchitect.provider.blueprint.BlueprintTestSupport.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GrafanaDashboardBlueprintTest {

    private static final String KIND = "grafana-dashboard";
    private static final String PATH = "dashboard.json";
    private static final Pattern UID = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    /** Strict as Grafana's loader: duplicate keys and trailing content are errors. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"name\":\"checkout\",\"job\":\"checkout-api\",\"datasourceUid\":\"prom-1\"}"})
    void isAProvisioningReadyDashboardWhosePanelsEachHaveTypeTitleDatasourceAndQueries(String params) {
        Map<String, String> files = render(KIND, params);
        assertEquals(List.of(PATH), List.copyOf(files.keySet()));
        JsonNode dashboard = json(files.get(PATH));

        assertTrue(UID.matcher(dashboard.get("uid").asText()).matches(), dashboard.get("uid").toString());
        assertFalse(dashboard.get("title").asText().isBlank());
        assertTrue(dashboard.get("schemaVersion").isInt() && dashboard.get("schemaVersion").asInt() >= 36);
        assertFalse(dashboard.has("id"), "provisioned dashboards must not carry a database id");
        assertTrue(dashboard.at("/time/from").asText().startsWith("now-"));
        assertEquals("now", dashboard.at("/time/to").asText());
        List<String> variables = dashboard.at("/templating/list").findValuesAsText("name");
        assertEquals(List.of("datasource", "job"), variables);
        assertEquals("datasource", dashboard.at("/templating/list/0/type").asText());
        assertEquals("prometheus", dashboard.at("/templating/list/0/query").asText());

        JsonNode panels = dashboard.get("panels");
        assertEquals(List.of("Request rate", "Error ratio", "p99 latency"), panels.findValuesAsText("title"));
        Set<Integer> ids = new HashSet<>();
        Set<Integer> columns = new HashSet<>();
        for (JsonNode panel : panels) {
            String title = panel.get("title").asText();
            assertTrue(ids.add(panel.get("id").asInt()), title + " reuses a panel id");
            assertTrue(columns.add(panel.at("/gridPos/x").asInt()), title + " overlaps another panel");
            assertTrue(panel.at("/gridPos/x").asInt() + panel.at("/gridPos/w").asInt() <= 24, title + " is wider than the grid");
            assertEquals("timeseries", panel.get("type").asText(), title);
            assertEquals("prometheus", panel.at("/datasource/type").asText(), title);
            assertEquals("${datasource}", panel.at("/datasource/uid").asText(), title);
            assertFalse(panel.at("/fieldConfig/defaults/unit").asText().isBlank(), title + " needs a unit");
            JsonNode targets = panel.get("targets");
            assertEquals(1, targets.size(), title);
            assertEquals("A", targets.get(0).get("refId").asText(), title);
            assertEquals(panel.get("datasource"), targets.get(0).get("datasource"), title);
            String expr = targets.get(0).get("expr").asText();
            assertTrue(expr.contains("job=\"$job\""), title + " must follow the job variable: " + expr);
            assertTrue(expr.contains("[$__rate_interval]"), title + ": " + expr);
            assertEquals(count(expr, '('), count(expr, ')'), title + " has unbalanced parentheses: " + expr);
        }
    }

    @Test
    void theQueriesAreRequestRateErrorRatioAndP99Latency() {
        JsonNode panels = json(render(KIND, null).get(PATH)).get("panels");

        assertEquals("sum(rate(http_requests_total{job=\"$job\"}[$__rate_interval]))",
                panels.at("/0/targets/0/expr").asText());
        assertEquals("reqps", panels.at("/0/fieldConfig/defaults/unit").asText());
        assertEquals("sum(rate(http_requests_total{job=\"$job\",code=~\"5..\"}[$__rate_interval]))"
                        + " / sum(rate(http_requests_total{job=\"$job\"}[$__rate_interval]))",
                panels.at("/1/targets/0/expr").asText());
        assertEquals("percentunit", panels.at("/1/fieldConfig/defaults/unit").asText());
        assertEquals("histogram_quantile(0.99, sum by (le) "
                        + "(rate(http_request_duration_seconds_bucket{job=\"$job\"}[$__rate_interval])))",
                panels.at("/2/targets/0/expr").asText());
        assertEquals("s", panels.at("/2/fieldConfig/defaults/unit").asText());
    }

    @Test
    void defaultsNameTheDashboardAndJobAfterApp() {
        JsonNode dashboard = json(render(KIND, null).get(PATH));

        assertEquals("app-http", dashboard.get("uid").asText());
        assertEquals("app HTTP service", dashboard.get("title").asText());
        assertEquals("now-6h", dashboard.at("/time/from").asText());
        assertEquals("1m", dashboard.get("refresh").asText());
        assertEquals("app", dashboard.at("/templating/list/1/current/value").asText());
        assertEquals("label_values(up, job)", dashboard.at("/templating/list/1/query/query").asText());
        assertTrue(dashboard.at("/templating/list/0/current").isEmpty(),
                "without datasourceUid Grafana picks the default Prometheus data source");
    }

    @Test
    void customParamsReachTheModelAndTextIsEscapedAsJson() {
        JsonNode dashboard = json(render(KIND, "{\"name\":\"shop\",\"uid\":\"shop_Overview-1\","
                + "\"title\":\"Shop \\\"checkout\\\" \\\\ API\",\"job\":\"kubernetes-pods:shop\","
                + "\"datasourceUid\":\"P1809F7CD0C75ACF3\",\"timeRange\":\"24h\",\"refresh\":\"off\"}").get(PATH));

        assertEquals("shop_Overview-1", dashboard.get("uid").asText());
        assertEquals("Shop \"checkout\" \\ API", dashboard.get("title").asText());
        assertEquals("kubernetes-pods:shop", dashboard.at("/templating/list/1/current/value").asText());
        assertEquals("P1809F7CD0C75ACF3", dashboard.at("/templating/list/0/current/value").asText());
        assertEquals("now-24h", dashboard.at("/time/from").asText());
        assertEquals("", dashboard.get("refresh").asText(), "Grafana's off is an empty refresh");
        assertEquals(List.of("http", "shop"), texts(dashboard.get("tags")));
    }

    @Test
    void aLongNameGivesAUidGrafanaAccepts() {
        String name = "a".repeat(39) + "-" + "b".repeat(23);
        JsonNode dashboard = json(render(KIND, "{\"name\":\"" + name + "\"}").get(PATH));

        assertEquals("a".repeat(39), dashboard.get("uid").asText());
        assertEquals("ab-http", json(render(KIND, "{\"name\":\"ab\"}").get(PATH)).get("uid").asText());
    }

    @Test
    void isFormattedAsGrafanaExportsDashboards() {
        String text = render(KIND, null).get(PATH);

        assertTrue(text.startsWith("{\n  \"uid\": \"app-http\",\n"), text);
        assertTrue(text.contains("\"overrides\": []"), "empty arrays as []");
        assertTrue(text.endsWith("}\n"));
    }

    @Test
    void theSameParamsRenderTheSameBytes() {
        String params = "{\"name\":\"web\",\"job\":\"web\",\"refresh\":\"5m\"}";
        assertEquals(render(KIND, params), render(KIND, params));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"name\":\"shop\",\"datasourceUid\":\"prom\",\"refresh\":\"off\"}"})
    void theValidatorFindsNothing(String params) {
        BlueprintValidation.assertNoFindings(KIND, params);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"name\":\"Web\"}|name",
        "{\"uid\":\"bad uid\"}|uid",
        "{\"uid\":\"uuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu\"}|uid",
        "{\"uid\":42}|uid",
        "{\"title\":\"\"}|title",
        "{\"title\":\"   \"}|title",
        "{\"title\":\"two\\nlines\"}|title",
        "{\"job\":\"a\\\"b\"}|job",
        "{\"job\":\"\"}|job",
        "{\"datasourceUid\":\"x y\"}|datasourceUid",
        "{\"timeRange\":\"2h\"}|timeRange",
        "{\"refresh\":\"10s\"}|refresh",
    })
    void invalidParamsAreRefusedNamingTheParam(String params, String param) {
        rejected(KIND, params, param);
    }

    private static JsonNode json(String text) {
        try {
            JsonNode root = JSON.readTree(text);
            assertTrue(root.isObject(), "a dashboard is a JSON object");
            return root;
        } catch (Exception e) {
            return fail("not valid JSON: " + e.getMessage() + "\n" + text);
        }
    }

    private static long count(String text, char c) {
        return text.chars().filter(ch -> ch == c).count();
    }
}
