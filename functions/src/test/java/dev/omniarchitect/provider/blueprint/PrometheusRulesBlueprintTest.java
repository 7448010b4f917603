package dev.omniarchitect.provider.blueprint;

import static dev.omniarchitect.provider.blueprint.BlueprintTestSupport.rejected;
import static dev.omniarchitect.provider.blueprint.BlueprintTestSupport.render;
import static dev.omniarchitect.provider.blueprint.BlueprintTestSupport.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PrometheusRulesBlueprintTest {

    private static final String KIND = "prometheus-rules";
    private static final String PATH = "alerts.rules.yml";
    private static final Pattern RECORD_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z0-9_]+:[a-zA-Z0-9_]+");
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern DURATION = Pattern.compile("[1-9][0-9]*[smh]");
    private static final Pattern USED_RECORD = Pattern.compile("job:[a-zA-Z0-9_]+:[a-zA-Z0-9_]+");

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"name\":\"checkout\",\"errorRatePercent\":1,\"latencyP99Seconds\":300}"})
    void everyRuleIsComplete(String params) {
        Map<String, String> files = render(KIND, params);
        assertEquals(List.of(PATH), List.copyOf(files.keySet()));
        JsonNode groups = yaml(files.get(PATH)).get("groups");

        assertTrue(groups.isArray() && groups.size() >= 2);
        Map<String, String> records = new LinkedHashMap<>();
        int alerts = 0;
        for (JsonNode group : groups) {
            assertFalse(group.get("name").asText().isBlank());
            for (JsonNode rule : group.get("rules")) {
                assertTrue(rule.get("expr").isTextual() && !rule.get("expr").asText().isBlank(), rule.toString());
                if (rule.has("record")) {
                    String record = rule.get("record").asText();
                    assertTrue(RECORD_NAME.matcher(record).matches(), "not level:metric:operations: " + record);
                    assertFalse(rule.has("for") || rule.has("annotations"), record);
                    records.put(record, rule.get("expr").asText());
                } else {
                    alerts++;
                    String alert = rule.get("alert").asText();
                    assertTrue(METRIC_NAME.matcher(alert).matches(), "Prometheus refuses alert name " + alert);
                    assertTrue(DURATION.matcher(rule.path("for").asText()).matches(), alert + " needs a for");
                    assertTrue(Set.of("critical", "warning", "info").contains(rule.at("/labels/severity").asText()),
                            alert + " needs a severity");
                    assertFalse(rule.at("/annotations/summary").asText().isBlank(), alert + " needs a summary");
                    assertFalse(rule.at("/annotations/description").asText().isBlank(), alert + " needs a description");
                    Matcher used = USED_RECORD.matcher(rule.get("expr").asText());
                    while (used.find()) {
                        assertTrue(records.containsKey(used.group()), alert + " uses unknown record " + used.group());
                    }
                }
            }
        }
        assertTrue(records.size() >= 3, records.toString());
        assertTrue(alerts >= 3);
    }

    @Test
    void defaultsWatchJobAppAtFivePercentErrorsAndOneSecondP99() {
        Map<String, JsonNode> rules = rulesByName(render(KIND, null).get(PATH));

        assertEquals("sum by (job) (rate(http_requests_total{job=\"app\"}[5m]))",
                rules.get("job:http_requests:rate5m").get("expr").asText());
        assertTrue(rules.get("job:http_requests_errors:rate5m").get("expr").asText().contains("code=~\"5..\""));
        assertTrue(rules.get("job:http_request_duration_seconds:p99_rate5m").get("expr").asText()
                .contains("histogram_quantile(0.99, sum by (job, le) (rate(http_request_duration_seconds_bucket"));
        assertTrue(rules.get("HighErrorRate").get("expr").asText().endsWith(" > 0.05"));
        assertEquals("critical", rules.get("HighErrorRate").at("/labels/severity").asText());
        assertEquals("5m", rules.get("HighErrorRate").get("for").asText());
        assertTrue(rules.get("HighLatencyP99").get("expr").asText().endsWith(" > 1"));
        assertEquals("10m", rules.get("HighLatencyP99").get("for").asText());
        assertEquals("up{job=\"app\"} == 0", rules.get("TargetDown").get("expr").asText());
        assertEquals("{{ $labels.job }} target {{ $labels.instance }} is down",
                rules.get("TargetDown").at("/annotations/summary").asText());
    }

    @Test
    void customThresholdsMetricsAndJob() {
        Map<String, JsonNode> rules = rulesByName(render(KIND, "{\"name\":\"checkout\",\"errorRatePercent\":10,"
                + "\"latencyP99Seconds\":2,\"forMinutes\":3,\"requestsMetric\":\"api_requests_total\","
                + "\"statusLabel\":\"status\",\"durationMetric\":\"api_latency_seconds\"}").get(PATH));

        assertEquals("sum by (job) (rate(api_requests_total{job=\"checkout\",status=~\"5..\"}[5m]))",
                rules.get("job:api_requests_errors:rate5m").get("expr").asText());
        assertTrue(rules.get("HighErrorRate").get("expr").asText()
                .equals("job:api_requests_errors_per_requests:ratio_rate5m{job=\"checkout\"} > 0.1"));
        assertTrue(rules.get("HighErrorRate").at("/annotations/description").asText().contains("threshold 10%"));
        assertEquals("job:api_latency_seconds:p99_rate5m{job=\"checkout\"} > 2",
                rules.get("HighLatencyP99").get("expr").asText());
        assertEquals("3m", rules.get("TargetDown").get("for").asText());
        assertEquals("6m", rules.get("HighLatencyP99").get("for").asText());
    }

    @Test
    void aHundredPercentIsARatioOfOne() {
        Map<String, JsonNode> rules = rulesByName(render(KIND, "{\"errorRatePercent\":100}").get(PATH));

        assertTrue(rules.get("HighErrorRate").get("expr").asText().endsWith(" > 1"));
    }

    @Test
    void theSameParamsRenderTheSameBytes() {
        String params = "{\"name\":\"api\",\"errorRatePercent\":2}";
        assertEquals(render(KIND, params), render(KIND, params));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"errorRatePercent\":0}|errorRatePercent",
        "{\"errorRatePercent\":101}|errorRatePercent",
        "{\"errorRatePercent\":\"5\"}|errorRatePercent",
        "{\"errorRatePercent\":2.5}|errorRatePercent",
        "{\"latencyP99Seconds\":0}|latencyP99Seconds",
        "{\"forMinutes\":500}|forMinutes",
        "{\"name\":\"Bad Name\"}|name",
        "{\"name\":\"x\\\"} or vector(1) #\"}|name",
        "{\"requestsMetric\":\"1abc\"}|requestsMetric",
        "{\"durationMetric\":\"a:b\"}|durationMetric",
        "{\"statusLabel\":\"code\\\"\"}|statusLabel",
    })
    void invalidParamsAreRefusedNamingTheParam(String params, String param) {
        rejected(KIND, params, param);
    }

    private static Map<String, JsonNode> rulesByName(String text) {
        Map<String, JsonNode> rules = new LinkedHashMap<>();
        for (JsonNode group : yaml(text).get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                rules.put(rule.has("record") ? rule.get("record").asText() : rule.get("alert").asText(), rule);
            }
        }
        return rules;
    }
}
