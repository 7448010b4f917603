package dev.omniarchitect.kinds.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.InstalledTool;
import dev.omniarchitect.validation.Severity;
import dev.omniarchitect.validation.ValidationCorpusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code promtool check rules} and our validator agree on every rule file of the corpus: promtool refuses a
 * file exactly when we report an error of a rule promtool checks (the practice rules are ours alone).
 * Prometheus Operator resources are not promtool's format, and group fields newer than the installed
 * promtool cannot be judged by it; those files are named in the skip count, not compared.
 */
class PromtoolAgreementTest {

    private static final Set<String> PROMTOOL_RULES = Set.of("prometheus-rules/yaml-syntax",
            "prometheus-rules/structure", "prometheus-rules/unknown-key", "prometheus-rules/duration",
            "prometheus-rules/expr-syntax", "prometheus-rules/template-syntax");
    private static final Pattern NEWER_FIELD = Pattern.compile("field (query_offset|labels) not found in type rulefmt");

    @Test
    void promtoolAgreesOnEveryRuleFileOfTheCorpus(@TempDir Path directory) throws IOException {
        InstalledTool promtool = InstalledTool.find("promtool").orElse(null);
        Assumptions.assumeTrue(promtool != null,
                "promtool is not installed (Debian package prometheus; .ci/run installs it): agreement not checked");
        PrometheusRulesValidator validator = new PrometheusRulesValidator();
        int compared = 0;
        for (ValidationCorpusTest.Case corpusCase : ValidationCorpusTest.cases()
                .filter(c -> c.kind().equals("prometheus-rules")).toList()) {
            for (GeneratedFile file : ValidationCorpusTest.files(corpusCase.folder())) {
                if (!file.path().endsWith(".yml") && !file.path().endsWith(".yaml")
                        || file.content().contains("kind: PrometheusRule")) {
                    continue;
                }
                Files.writeString(directory.resolve("rules.yml"), file.content());
                InstalledTool.Run run = promtool.run(directory, "check", "rules", "rules.yml");
                if (NEWER_FIELD.matcher(run.output()).find()) {
                    continue;
                }
                List<Finding> ours = validator.validate(List.of(file)).stream()
                        .filter(f -> f.severity() == Severity.ERROR && PROMTOOL_RULES.contains(f.rule())).toList();
                assertEquals(run.exitCode() != 0, !ours.isEmpty(), () -> "promtool and our validator disagree on "
                        + corpusCase + "/" + file.path() + "\nours: " + ours + "\npromtool: " + run.output());
                compared++;
            }
        }
        Assumptions.assumeTrue(compared > 0, "no rule file of the corpus could be compared");
    }
}
