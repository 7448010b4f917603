package dev.omniarchitect.kinds.prometheus;

import dev.omniarchitect.kind.Kind;
import dev.omniarchitect.kinds.KindDefinition;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The {@code prometheus-rules} kind: Prometheus alerting and recording rules. */
public final class PrometheusRulesKind {

    /** This kind, its blueprint and its validator. */
    public static final KindDefinition DEFINITION = new KindDefinition(
            Kind.of("prometheus-rules", 1, "Prometheus alerting and recording rules", """
                    You write Prometheus rule files: groups of alerting rules with an expr, a for duration, a \
                    severity label and summary and description annotations, and recording rules named \
                    level:metric:operations.""",
                    List.of("alerts.rules.yml"), Set.of("yaml", "yml"))
                .documentingParams("name, errorRatePercent, latencyP99Seconds, forMinutes, requestsMetric, "
                        + "statusLabel, durationMetric")
                .reviewable(Pattern.compile("(?m)^groups:\\s*$"), "rules.yml", 50),
            PrometheusRulesBlueprint::new, PrometheusRulesValidator::new);

    private PrometheusRulesKind() {
    }
}
