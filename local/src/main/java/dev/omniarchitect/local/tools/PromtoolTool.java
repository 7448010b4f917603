package dev.omniarchitect.local.tools;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.validation.FileNames;
import dev.omniarchitect.validation.FileValidator;
import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code promtool check rules} on the plain rule files (Prometheus Operator resources are not its format):
 * each line of its report that names a file is a finding, with the line when it gives one.
 */
final class PromtoolTool implements ToolAdapter {

    private static final Pattern REPORT_LINE = Pattern.compile("^(\\S+?):(?: (\\d+):\\d+:)? (.+)$");

    @Override
    public String name() {
        return "promtool";
    }

    @Override
    public List<String> versionArguments() {
        return List.of("--version");
    }

    @Override
    public Set<String> kinds() {
        return Set.of("prometheus-rules");
    }

    @Override
    public List<Finding> check(ToolRun run, FileValidator validator, List<GeneratedFile> files) throws ToolRun.Failure {
        List<Finding> findings = new ArrayList<>();
        for (GeneratedFile file : files) {
            if (!FileNames.isYaml(file.path()) || file.content().contains("kind: PrometheusRule")) {
                continue;
            }
            ToolRun.Output output = run.exec("check", "rules", file.path());
            if (output.exitCode() == 0) {
                continue;
            }
            int before = findings.size();
            for (String line : (output.stdout() + "\n" + output.stderr()).lines().toList()) {
                Matcher report = REPORT_LINE.matcher(line.strip());
                if (report.matches() && report.group(1).equals(file.path())) {
                    findings.add(run.finding(Severity.ERROR, "check-rules", report.group(3), file.path(),
                            report.group(2) == null ? null : Integer.valueOf(report.group(2))));
                }
            }
            if (findings.size() == before) {
                findings.add(run.finding(Severity.ERROR, "check-rules", output.firstLine(), file.path(), null));
            }
        }
        return findings;
    }
}
