package dev.omniarchitect.kinds.grafana;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.validation.FileNames;
import dev.omniarchitect.validation.FileSelection;
import dev.omniarchitect.validation.FileValidator;
import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.Rule;
import dev.omniarchitect.validation.document.DocumentCheck;
import dev.omniarchitect.validation.document.LocatedNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks Grafana dashboard JSON (the dashboard itself, or wrapped as {@code {"dashboard": ...}} for the
 * HTTP API): a title, a stable uid, panels (inside collapsed rows too) with unique ids, queries and a data
 * source, Prometheus queries parsed as PromQL and panels within the grid ({@link PanelChecks}).
 * Grafana's dashboard schema lives in its repository as CUE, not in a Maven Central package, so
 * these are structural checks of ours.
 */
public final class GrafanaDashboardValidator implements FileValidator {

    static final Rule MISSING_FILE = Rule.error("grafana-dashboard/missing-file", "Add the dashboard as a .json file.");
    static final Rule JSON_SYNTAX = Rule.error("grafana-dashboard/json-syntax", "Fix the JSON so that it parses.");
    static final Rule STRUCTURE = Rule.error("grafana-dashboard/structure",
            "Give the dashboard a title and a panels list, every panel a type.");
    static final Rule DUPLICATE_PANEL_ID = Rule.error("grafana-dashboard/duplicate-panel-id",
            "Give every panel its own id.");
    static final Rule PANEL_TARGETS = Rule.error("grafana-dashboard/panel-targets",
            "Give every data panel at least one query in targets.");
    static final Rule PANEL_DATASOURCE = Rule.warning("grafana-dashboard/panel-datasource",
            "Set the panel's datasource (e.g. {\"type\": \"prometheus\", \"uid\": \"${datasource}\"}).");
    static final Rule UID = Rule.warning("grafana-dashboard/uid",
            "Set a uid (at most 40 characters of A-Z, a-z, 0-9, - and _) so links and provisioning stay stable.");

    private static final FileSelection DASHBOARDS = new FileSelection("dashboard .json file",
            path -> FileNames.hasExtension(path, ".json"), MISSING_FILE);
    /** Panels that show no query results. */
    private static final Set<String> WITHOUT_QUERIES = Set.of("row", "text", "news", "dashlist", "welcome",
            "annolist", "gettingstarted", "alertlist");
    private static final Pattern UID_FORMAT = Pattern.compile("[A-Za-z0-9_-]{1,40}");

    @Override
    public boolean reads(String path) {
        return DASHBOARDS.accepts().test(path);
    }

    @Override
    public String kind() {
        return "grafana-dashboard";
    }

    @Override
    public List<Rule> rules() {
        return List.of(MISSING_FILE, JSON_SYNTAX, STRUCTURE, DUPLICATE_PANEL_ID, PANEL_TARGETS, PANEL_DATASOURCE, UID,
                PanelChecks.QUERY_SYNTAX, PanelChecks.GRID_WIDTH);
    }

    @Override
    public List<Finding> validate(List<GeneratedFile> files) {
        return DASHBOARDS.eachFile(files, file -> DocumentCheck.json(file, JSON_SYNTAX, this::dashboard));
    }

    private List<Finding> dashboard(String path, LocatedNode root) {
        LocatedNode dashboard = root.get("dashboard").isObject() ? root.get("dashboard") : root;
        List<Finding> findings = new ArrayList<>();
        if (!dashboard.get("title").hasText()) {
            findings.add(STRUCTURE.at(path, dashboard.line(), "the dashboard has no title"));
        }
        LocatedNode uid = dashboard.get("uid");
        if (uid.isMissing()) {
            findings.add(UID.at(path, dashboard.line(), "the dashboard has no uid"));
        } else if (uid.text() == null || !UID_FORMAT.matcher(uid.text()).matches()) {
            findings.add(STRUCTURE.at(path, uid.line(),
                    "uid " + uid.node() + " is not 1 to 40 characters of A-Z, a-z, 0-9, - and _"));
        }
        LocatedNode panels = dashboard.get("panels");
        if (!panels.isArray() || panels.elements().isEmpty()) {
            findings.add(STRUCTURE.at(path, dashboard.line(), "the dashboard has no panels"));
            return findings;
        }
        Set<String> ids = new HashSet<>();
        for (LocatedNode panel : panels.elements()) {
            panel(path, panel, ids, findings);
            panel.get("panels").elements().forEach(nested -> panel(path, nested, ids, findings));
        }
        return findings;
    }

    private static void panel(String path, LocatedNode panel, Set<String> ids, List<Finding> findings) {
        String type = panel.get("type").text();
        String title = panel.get("title").hasText() ? "panel \"" + panel.get("title").text() + "\"" : panel.path();
        if (type == null || type.isBlank()) {
            findings.add(STRUCTURE.at(path, panel.line(), title + " has no type"));
            return;
        }
        String id = panel.get("id").scalarText();
        if (id != null && !ids.add(id)) {
            findings.add(DUPLICATE_PANEL_ID.at(path, panel.get("id").line(), title + " reuses panel id " + id));
        }
        findings.addAll(PanelChecks.check(path, panel, title));
        if (WITHOUT_QUERIES.contains(type)) {
            return;
        }
        List<LocatedNode> targets = panel.get("targets").elements();
        if (targets.isEmpty()) {
            findings.add(PANEL_TARGETS.at(path, panel.line(), title + " has no queries (targets)"));
        } else if (panel.get("datasource").isMissing()
                && targets.stream().anyMatch(target -> target.get("datasource").isMissing())) {
            findings.add(PANEL_DATASOURCE.at(path, panel.line(), title + " names no datasource"));
        }
    }
}
