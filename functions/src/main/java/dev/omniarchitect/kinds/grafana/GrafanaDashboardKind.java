package dev.omniarchitect.kinds.grafana;

import dev.omniarchitect.kind.Kind;
import dev.omniarchitect.kinds.KindDefinition;
import java.util.List;
import java.util.Set;

/** The {@code grafana-dashboard} kind: a Grafana dashboard (JSON model). */
public final class GrafanaDashboardKind {

    /** This kind, its blueprint and its validator. */
    public static final KindDefinition DEFINITION = new KindDefinition(
            Kind.of("grafana-dashboard", 1, "a Grafana dashboard (JSON model)", """
                    You write Grafana dashboards as JSON models for provisioning: a uid and title, \
                    schemaVersion, a time range, templating variables for datasource and job, and panels that \
                    each have a type, a title, a datasource and targets with their queries.""",
                    List.of("dashboard.json"), Set.of("json"))
                .documentingParams("uid, title, job, datasourceUid"),
            GrafanaDashboardBlueprint::new, GrafanaDashboardValidator::new);

    private GrafanaDashboardKind() {
    }
}
