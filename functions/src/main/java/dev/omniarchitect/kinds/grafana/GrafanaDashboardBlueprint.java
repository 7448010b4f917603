package dev.omniarchitect.kinds.grafana;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.json.Json;
import dev.omniarchitect.provider.blueprint.Blueprint;
import dev.omniarchitect.provider.blueprint.BlueprintParams;
import dev.omniarchitect.provider.blueprint.CommonParams;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A Grafana dashboard, {@code dashboard.json}, as the JSON model that file provisioning (or the
 * dashboard import) takes: the RED view of one HTTP service scraped by Prometheus as one job.
 *
 * <p>The dashboard has a stable {@code uid}, a {@code title}, {@code schemaVersion} 39 (Grafana 10.4 and
 * later migrate it on load), a time range and refresh, and two templating variables: {@code datasource}
 * (any Prometheus data source) and {@code job} (from {@code label_values(up, job)}). Its three time
 * series panels (request rate, 5xx error ratio, p99 latency) each name the data source variable and
 * query {@code http_requests_total} (status label {@code code}) and
 * {@code http_request_duration_seconds_bucket}, the metrics the prometheus-rules blueprint alerts on.
 * Params:
 * <table>
 *   <caption>params</caption>
 *   <tr><th>name</th><th>type</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>name</td><td>string, DNS-1123 label</td><td>{@code app}</td><td>the service, used in the title and uid</td></tr>
 *   <tr><td>uid</td><td>string, 1-40 of A-Z, a-z, 0-9, - and _</td><td>{@code <name>-http}, cut to 40</td>
 *       <td>the dashboard uid that links and provisioning rely on</td></tr>
 *   <tr><td>title</td><td>string, 1-100 characters, no control characters</td><td>{@code <name> HTTP service}</td>
 *       <td>the dashboard title</td></tr>
 *   <tr><td>job</td><td>string, Prometheus label value (A-Z, a-z, 0-9 and _.:-)</td><td>{@code name}</td>
 *       <td>the job variable's initial value</td></tr>
 *   <tr><td>datasourceUid</td><td>string, 1-40 of A-Z, a-z, 0-9, ., - and _</td><td>none</td>
 *       <td>the data source variable's initial value; else Grafana picks the default Prometheus data source</td></tr>
 *   <tr><td>timeRange</td><td>one of {@code 1h}, {@code 6h}, {@code 24h}, {@code 7d}</td><td>{@code 6h}</td>
 *       <td>the default time range, ending now</td></tr>
 *   <tr><td>refresh</td><td>one of {@code off}, {@code 30s}, {@code 1m}, {@code 5m}, {@code 15m}</td>
 *       <td>{@code 1m}</td><td>the auto-refresh interval</td></tr>
 * </table>
 */
public final class GrafanaDashboardBlueprint implements Blueprint {

    /** Grafana 10.4's dashboard schema; newer Grafana versions migrate it when they load the file. */
    static final int SCHEMA_VERSION = 39;

    private static final Pattern UID = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    private static final Pattern DATASOURCE_UID = Pattern.compile("[A-Za-z0-9._-]{1,40}");
    private static final Pattern TITLE = Pattern.compile("(?=.*\\S)[^\\p{Cntrl}]{1,100}");
    /** Safe inside a double-quoted PromQL string and as a variable value. */
    private static final Pattern JOB = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");
    private static final Map<String, String> REFRESH = Map.of("off", "", "30s", "30s", "1m", "1m", "5m", "5m",
            "15m", "15m");

    private static final String REQUESTS = "http_requests_total{job=\"$job\"}";
    private static final String ERRORS = "http_requests_total{job=\"$job\",code=~\"5..\"}";
    private static final String DURATION_BUCKETS = "http_request_duration_seconds_bucket{job=\"$job\"}";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Two-space indent, "key": value, {} and one element per line, as Grafana exports dashboards. */
    private static final ObjectWriter WRITER = Json.mapper().writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    @Override
    public String kind() {
        return "grafana-dashboard";
    }

    @Override
    public List<GeneratedFile> render(BlueprintParams params) {
        String name = CommonParams.name(params);
        String uid = params.text("uid", defaultUid(name), UID,
                "a dashboard uid (1 to 40 characters of A-Z, a-z, 0-9, - and _)");
        String title = params.text("title", name + " HTTP service", TITLE,
                "a title of 1 to 100 characters without control characters");
        String job = params.text("job", name, JOB, "a Prometheus job label value (A-Z, a-z, 0-9 and _.:-)");
        String datasourceUid = params.text("datasourceUid", null, DATASOURCE_UID,
                "a data source uid (1 to 40 characters of A-Z, a-z, 0-9, ., - and _)");
        String timeRange = CommonParams.choice(params, "timeRange", "6h", List.of("1h", "6h", "24h", "7d"));
        String refresh = CommonParams.choice(params, "refresh", "1m", List.of("off", "30s", "1m", "5m", "15m"));

        ObjectNode dashboard = NODES.objectNode()
                .put("uid", uid)
                .put("title", title)
                .put("description", "Request rate, errors and latency of the Prometheus job selected in $job.")
                .put("editable", true)
                .put("graphTooltip", 1)
                .put("schemaVersion", SCHEMA_VERSION)
                .put("version", 1)
                .put("refresh", REFRESH.get(refresh))
                .put("timezone", "browser");
        dashboard.putArray("tags").add("http").add(name);
        dashboard.putObject("time").put("from", "now-" + timeRange).put("to", "now");
        ArrayNode variables = dashboard.putObject("templating").putArray("list");
        variables.add(datasourceVariable(datasourceUid));
        variables.add(jobVariable(job));
        ArrayNode panels = dashboard.putArray("panels");
        panels.add(panel(1, 0, "Request rate", "Requests per second, all status codes.", "reqps",
                "sum(rate(" + REQUESTS + "[$__rate_interval]))", "requests/s"));
        panels.add(panel(2, 8, "Error ratio", "Share of responses with a 5xx status code.", "percentunit",
                "sum(rate(" + ERRORS + "[$__rate_interval])) / sum(rate(" + REQUESTS + "[$__rate_interval]))",
                "5xx ratio"));
        panels.add(panel(3, 16, "p99 latency", "The 99th percentile of request duration.", "s",
                "histogram_quantile(0.99, sum by (le) (rate(" + DURATION_BUCKETS + "[$__rate_interval])))", "p99"));
        try {
            return List.of(new GeneratedFile("dashboard.json", WRITER.writeValueAsString(dashboard) + "\n"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain nodes always serialises", e);
        }
    }

    private static String defaultUid(String name) {
        String uid = name + "-http";
        return uid.length() <= 40 ? uid : name.substring(0, 40).replaceAll("-+$", "");
    }

    private static ObjectNode datasourceVariable(String datasourceUid) {
        ObjectNode variable = NODES.objectNode()
                .put("name", "datasource")
                .put("label", "Data source")
                .put("type", "datasource")
                .put("query", "prometheus")
                .put("refresh", 1)
                .put("hide", 0)
                .put("includeAll", false)
                .put("multi", false)
                .put("regex", "");
        ObjectNode current = variable.putObject("current");
        if (datasourceUid != null) {
            current.put("text", datasourceUid).put("value", datasourceUid);
        }
        variable.putArray("options");
        return variable;
    }

    private static ObjectNode jobVariable(String job) {
        ObjectNode variable = NODES.objectNode()
                .put("name", "job")
                .put("label", "Job")
                .put("type", "query");
        variable.set("datasource", datasource());
        variable.put("definition", "label_values(up, job)");
        variable.putObject("query").put("query", "label_values(up, job)").put("refId", "JobVariableQuery");
        // Refreshed on time range change, so a newly scraped job shows up without editing the dashboard.
        variable.put("refresh", 2)
                .put("sort", 1)
                .put("hide", 0)
                .put("includeAll", false)
                .put("multi", false)
                .put("regex", "");
        variable.putObject("current").put("text", job).put("value", job);
        variable.putArray("options");
        return variable;
    }

    private static ObjectNode panel(int id, int x, String title, String description, String unit, String expr,
                                    String legend) {
        ObjectNode panel = NODES.objectNode()
                .put("id", id)
                .put("type", "timeseries")
                .put("title", title)
                .put("description", description);
        panel.set("datasource", datasource());
        panel.putObject("gridPos").put("h", 8).put("w", 8).put("x", x).put("y", 0);
        ObjectNode fieldConfig = panel.putObject("fieldConfig");
        ObjectNode defaults = fieldConfig.putObject("defaults").put("unit", unit).put("min", 0);
        defaults.putObject("custom").put("drawStyle", "line").put("lineWidth", 1).put("fillOpacity", 10);
        fieldConfig.putArray("overrides");
        ObjectNode options = panel.putObject("options");
        options.putObject("legend").put("displayMode", "list").put("placement", "bottom").put("showLegend", true);
        options.putObject("tooltip").put("mode", "multi").put("sort", "none");
        ObjectNode target = panel.putArray("targets").addObject()
                .put("refId", "A");
        target.set("datasource", datasource());
        target.put("expr", expr)
                .put("legendFormat", legend)
                .put("range", true);
        return panel;
    }

    private static ObjectNode datasource() {
        return NODES.objectNode().put("type", "prometheus").put("uid", "${datasource}");
    }
}
