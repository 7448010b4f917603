package dev.omniarchitect.kinds.prometheus;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.provider.blueprint.Blueprint;
import dev.omniarchitect.provider.blueprint.BlueprintParams;
import dev.omniarchitect.provider.blueprint.CommonParams;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A Prometheus rule file, {@code alerts.rules.yml}, for one HTTP service scraped as one job.
 *
 * <p>A recording group pre-computes request rate, error rate, error ratio and p99 latency per job
 * (named {@code level:metric:operations}); an alerting group fires on a down or vanished target, a high
 * error ratio and a high p99 latency, each with a {@code for} duration, a {@code severity} label and
 * {@code summary} and {@code description} annotations. Check it with {@code promtool check rules}.
 * Params:
 * <table>
 *   <caption>params</caption>
 *   <tr><th>name</th><th>type</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>name</td><td>string, DNS-1123 label</td><td>{@code app}</td><td>the scrape job ({@code job} label)</td></tr>
 *   <tr><td>errorRatePercent</td><td>integer 1-100</td><td>5</td><td>alert above this share of 5xx responses</td></tr>
 *   <tr><td>latencyP99Seconds</td><td>integer 1-300</td><td>1</td><td>alert above this p99 latency</td></tr>
 *   <tr><td>forMinutes</td><td>integer 1-120</td><td>5</td>
 *       <td>how long the error-rate and down conditions must hold before alerting (latency: twice this)</td></tr>
 *   <tr><td>requestsMetric</td><td>string, metric name</td><td>{@code http_requests_total}</td>
 *       <td>the request counter</td></tr>
 *   <tr><td>statusLabel</td><td>string, label name</td><td>{@code code}</td><td>its HTTP status code label</td></tr>
 *   <tr><td>durationMetric</td><td>string, metric name</td><td>{@code http_request_duration_seconds}</td>
 *       <td>the request duration histogram (its {@code _bucket} series)</td></tr>
 * </table>
 */
public final class PrometheusRulesBlueprint implements Blueprint {

    private static final Pattern METRIC = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]{0,127}");
    private static final String METRIC_RULE = "a metric name (a-z, A-Z, 0-9 and _, not starting with a digit)";
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]{0,63}");

    private static final String RULES = """
            # Rules for the Prometheus job "{{JOB}}". Check with: promtool check rules alerts.rules.yml
            groups:
              - name: {{JOB}}.recording
                rules:
                  - record: job:{{REQUESTS}}:rate5m
                    expr: sum by (job) (rate({{REQUESTS_METRIC}}{job="{{JOB}}"}[5m]))
                  - record: job:{{REQUESTS}}_errors:rate5m
                    expr: sum by (job) (rate({{REQUESTS_METRIC}}{job="{{JOB}}",{{STATUS}}=~"5.."}[5m]))
                  - record: job:{{REQUESTS}}_errors_per_requests:ratio_rate5m
                    expr: job:{{REQUESTS}}_errors:rate5m{job="{{JOB}}"} / job:{{REQUESTS}}:rate5m{job="{{JOB}}"}
                  - record: job:{{DURATION}}:p99_rate5m
                    expr: histogram_quantile(0.99, sum by (job, le) (rate({{DURATION}}_bucket{job="{{JOB}}"}[5m])))

              - name: {{JOB}}.alerts
                rules:
                  - alert: TargetDown
                    expr: up{job="{{JOB}}"} == 0
                    for: {{FOR}}m
                    labels:
                      severity: critical
                    annotations:
                      summary: "{{ $labels.job }} target {{ $labels.instance }} is down"
                      description: "Prometheus could not scrape {{ $labels.instance }} of job {{ $labels.job }} for {{FOR}} minutes."
                  - alert: TargetAbsent
                    expr: absent(up{job="{{JOB}}"})
                    for: 15m
                    labels:
                      severity: warning
                    annotations:
                      summary: "No targets for job {{ $labels.job }}"
                      description: "Prometheus has found no target of job {{ $labels.job }} for 15 minutes; check service discovery."
                  - alert: HighErrorRate
                    expr: job:{{REQUESTS}}_errors_per_requests:ratio_rate5m{job="{{JOB}}"} > {{ERROR_RATIO}}
                    for: {{FOR}}m
                    labels:
                      severity: critical
                    annotations:
                      summary: "High 5xx error rate on {{ $labels.job }}"
                      description: "{{ $value | humanizePercentage }} of requests to {{ $labels.job }} failed over 5 minutes (threshold {{ERROR_PERCENT}}%)."
                  - alert: HighLatencyP99
                    expr: job:{{DURATION}}:p99_rate5m{job="{{JOB}}"} > {{LATENCY}}
                    for: {{LATENCY_FOR}}m
                    labels:
                      severity: warning
                    annotations:
                      summary: "High p99 latency on {{ $labels.job }}"
                      description: "The 99th percentile latency of {{ $labels.job }} is {{ $value | humanizeDuration }} (threshold {{LATENCY}}s)."
            """;

    @Override
    public String kind() {
        return "prometheus-rules";
    }

    @Override
    public List<GeneratedFile> render(BlueprintParams params) {
        String job = CommonParams.name(params);
        int errorPercent = params.integer("errorRatePercent", 5, 1, 100);
        int latency = params.integer("latencyP99Seconds", 1, 1, 300);
        int forMinutes = params.integer("forMinutes", 5, 1, 120);
        String requestsMetric = params.text("requestsMetric", "http_requests_total", METRIC, METRIC_RULE);
        String statusLabel = params.text("statusLabel", "code", LABEL,
                "a label name (a-z, A-Z, 0-9 and _, not starting with a digit)");
        String durationMetric = params.text("durationMetric", "http_request_duration_seconds", METRIC, METRIC_RULE);
        String requests = requestsMetric.endsWith("_total") && requestsMetric.length() > "_total".length()
                ? requestsMetric.substring(0, requestsMetric.length() - "_total".length())
                : requestsMetric;

        // Only this class's own {{UPPER_CASE}} tokens are replaced; Prometheus's {{ $labels.x }} stay.
        String rules = RULES
                .replace("{{JOB}}", job)
                .replace("{{REQUESTS_METRIC}}", requestsMetric)
                .replace("{{REQUESTS}}", requests)
                .replace("{{STATUS}}", statusLabel)
                .replace("{{DURATION}}", durationMetric)
                .replace("{{FOR}}", String.valueOf(forMinutes))
                .replace("{{LATENCY_FOR}}", String.valueOf(2 * forMinutes))
                .replace("{{ERROR_RATIO}}", BigDecimal.valueOf(errorPercent).movePointLeft(2)
                        .stripTrailingZeros().toPlainString())
                .replace("{{ERROR_PERCENT}}", String.valueOf(errorPercent))
                .replace("{{LATENCY}}", String.valueOf(latency));
        return List.of(new GeneratedFile("alerts.rules.yml", rules));
    }
}
