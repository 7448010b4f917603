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

/** cfn-lint on the templates, its parseable report read: {@code file:line:col:endline:endcol:rule:message}. */
final class CfnLintTool implements ToolAdapter {

    private static final Pattern REPORT_LINE = Pattern.compile("^(.+?):(\\d+):\\d+:\\d+:\\d+:([EWI]\\d+):(.*)$");

    @Override
    public String name() {
        return "cfn-lint";
    }

    @Override
    public List<String> versionArguments() {
        return List.of("--version");
    }

    @Override
    public Set<String> kinds() {
        return Set.of("cloudformation");
    }

    @Override
    public List<Finding> check(ToolRun run, FileValidator validator, List<GeneratedFile> files) throws ToolRun.Failure {
        List<String> arguments = new ArrayList<>(List.of("--format", "parseable", "--"));
        files.stream().map(GeneratedFile::path)
                .filter(path -> FileNames.isYaml(path) || FileNames.hasExtension(path, ".json", ".template"))
                .forEach(arguments::add);
        if (arguments.size() == 3) {
            return List.of();
        }
        ToolRun.Output output = run.exec(arguments.toArray(String[]::new));
        List<Finding> findings = new ArrayList<>();
        for (String line : output.stdout().lines().toList()) {
            Matcher report = REPORT_LINE.matcher(line.strip());
            if (report.matches()) {
                findings.add(run.finding(report.group(3).startsWith("E") ? Severity.ERROR : Severity.WARNING,
                        report.group(3), report.group(4), report.group(1), Integer.valueOf(report.group(2))));
            }
        }
        return findings;
    }
}
