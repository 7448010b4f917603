package dev.omniarchitect.kinds.grafana;

import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.Rule;
import dev.omniarchitect.validation.document.LocatedNode;
import dev.omniarchitect.validation.promql.PromQl;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The checks of one panel that Grafana itself only shows when the dashboard is opened: its Prometheus
 * queries parsed as PromQL (with Grafana's variables substituted as Grafana does before sending them),
 * and its place on the 24-column grid.
 */
final class PanelChecks {

    static final Rule QUERY_SYNTAX = Rule.error("grafana-dashboard/query-syntax",
            "Fix the panel's PromQL query so that it parses (try it in Grafana's Explore or with promtool).");
    static final Rule GRID_WIDTH = Rule.error("grafana-dashboard/grid-width",
            "Keep gridPos within the 24-column grid: w from 1 to 24, x from 0 and x + w at most 24.");

    private static final int GRID_COLUMNS = 24;
    /** A variable where a duration belongs: [$__rate_interval], [5m:$step], offset $shift. */
    private static final Pattern DURATION_VARIABLE =
            Pattern.compile("(\\[|:|\\boffset\\s+)\\s*(\\$\\{[^}]*}|\\$\\w+|\\[\\[\\w+]])");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]*}|\\$\\w+|\\[\\[\\w+]]");

    private PanelChecks() {
    }

    /** The findings of one panel's queries and grid position. */
    static List<Finding> check(String path, LocatedNode panel, String title) {
        List<Finding> findings = new ArrayList<>();
        LocatedNode gridPos = panel.get("gridPos");
        LocatedNode width = gridPos.get("w");
        LocatedNode x = gridPos.get("x");
        if (width.node().isNumber()) {
            int w = width.node().asInt();
            int left = x.node().isNumber() ? x.node().asInt() : 0;
            if (w < 1 || w > GRID_COLUMNS || left < 0 || left + w > GRID_COLUMNS) {
                findings.add(GRID_WIDTH.at(path, width.line(), title + " spans columns " + left + " to " + (left + w)
                        + " (x " + left + ", w " + w + "), but the grid has " + GRID_COLUMNS + " columns"));
            }
        }
        for (LocatedNode target : panel.get("targets").elements()) {
            LocatedNode expr = target.get("expr");
            if (expr.hasText() && isPrometheus(target.get("datasource"), panel.get("datasource"))) {
                PromQl.problem(substituteVariables(expr.text())).ifPresent(problem -> findings.add(QUERY_SYNTAX.at(path,
                        expr.line(), title + " query " + target.get("refId").scalarText() + ": " + problem.message())));
            }
        }
        return findings;
    }

    /** Grafana's variables replaced by values of their kind, as Grafana interpolates them before querying. */
    static String substituteVariables(String query) {
        String durations = DURATION_VARIABLE.matcher(query).replaceAll("$1 5m");
        return VARIABLE.matcher(durations).replaceAll("grafana_variable");
    }

    /** Whether the query goes to Prometheus: the target's or panel's data source says so or says nothing. */
    private static boolean isPrometheus(LocatedNode targetSource, LocatedNode panelSource) {
        LocatedNode source = targetSource.isMissing() ? panelSource : targetSource;
        String type = source.isObject() ? source.get("type").text() : source.text();
        if (type == null || type.startsWith("$") || type.startsWith("-- Mixed")) {
            return true;
        }
        String lower = type.toLowerCase(Locale.ROOT);
        return source.isObject() ? lower.equals("prometheus") : !lower.contains("loki") && !lower.contains("elastic");
    }
}
