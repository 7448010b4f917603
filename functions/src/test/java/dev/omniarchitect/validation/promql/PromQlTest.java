package dev.omniarchitect.validation.promql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omniarchitect.validation.InstalledTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The PromQL parser on expressions Prometheus accepts and refuses, and against promtool where installed. */
class PromQlTest {

    static final List<String> VALID = List.of(
            "up",
            "up == 0",
            "up{job=\"node\", instance=~\"10\\\\..*\",}",
            "{__name__=~\"http_.*\"}",
            "sum by (job) (rate(http_requests_total{code=~\"5..\"}[5m])) / sum by (job) (rate(http_requests_total[5m])) > 0.05",
            "sum(rate(x[5m])) without (instance)",
            "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))",
            "topk(5, count by (pod) (kube_pod_info))",
            "quantile_over_time(0.9, latency_seconds[10m])",
            "max_over_time(rate(x[1m])[1h:5m])",
            "x offset 5m",
            "rate(x[5m] offset 1h)",
            "a * on (job) group_left (team) b",
            "a and ignoring (instance) b",
            "1 + 2 * 3 ^ 2",
            "-x",
            "2 > bool 1",
            "time() - process_start_time_seconds > 3600",
            "absent(up{job=\"api\"})",
            "label_replace(up, \"host\", \"$1\", \"instance\", \"(.*):.*\")",
            "avg_over_time(x[5m] @ 1609746000)",
            "1 - avg without (cpu) (rate(node_cpu_seconds_total{mode='idle'}[1m]))",
            "count_values(\"version\", build_info)",
            "predict_linear(node_filesystem_free_bytes[6h], 4 * 3600) < 0",
            "increase(errors_total[1h]) > 10 unless on (job) maintenance == 1",
            "x # a comment with ( in it");

    static final List<String> INVALID = List.of(
            "sum by (job) (rate(http_requests_total[5m])",
            "rates(x[5m])",
            "rate(x)",
            "sum(x[5m])",
            "x{job=node}",
            "x{job=\"a\"",
            "x[5]",
            "(a + b)[5m]",
            "a +",
            "a == == b",
            "1 > 2",
            "x[5m] + 1",
            "sum by (job (x)",
            "up{job=\"api}",
            "x offset",
            "1 and 2",
            "avg_over_time(x[5m]) @ 1609746000",
            "");

    static Stream<String> valid() {
        return VALID.stream();
    }

    static Stream<String> invalid() {
        return INVALID.stream();
    }

    @ParameterizedTest
    @MethodSource("valid")
    void acceptsWhatPrometheusAccepts(String expression) {
        assertEquals(Optional.empty(), PromQl.problem(expression));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void refusesWhatPrometheusRefuses(String expression) {
        assertTrue(PromQl.problem(expression).isPresent(), expression);
    }

    @Test
    void namesTheLineOfAProblemInAMultiLineExpression() {
        assertEquals(3, PromQl.problem("sum by (job) (\n  rate(x[5m])\n) / rate(y)").orElseThrow().line());
    }

    /** Every sample as a recording rule of its own file, checked by promtool: it must agree with us on each. */
    @Test
    void promtoolAgreesOnEverySample(@TempDir Path directory) throws IOException {
        Optional<InstalledTool> promtool = InstalledTool.find("promtool");
        Assumptions.assumeTrue(promtool.isPresent(),
                "promtool is not installed (Debian package prometheus; .ci/run installs it): agreement not checked");
        for (String expression : Stream.concat(VALID.stream(), INVALID.stream()).toList()) {
            Path file = directory.resolve("rules.yml");
            Files.writeString(file, "groups:\n  - name: g\n    rules:\n      - record: a:b:c\n        expr: '"
                    + expression.replace("'", "''") + "'\n");
            InstalledTool.Run run = promtool.get().run(directory, "check", "rules", "rules.yml");
            assertEquals(run.exitCode() == 0, PromQl.problem(expression).isEmpty(),
                    () -> "promtool and PromQl disagree on " + expression + ":\n" + run.output());
        }
    }
}
