package dev.omniarchitect.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.omniarchitect.artifact.GeneratedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * yamllint and our YAML reader agree on every YAML file of the corpus: yamllint reports a syntax error or a
 * duplicate key (its only rules enabled here) exactly where our validator reports the kind's YAML syntax rule.
 */
class YamllintAgreementTest {

    private static final String CONFIG = "{rules: {key-duplicates: enable}}";
    private static final Set<String> SYNTAX_RULES = Set.of("yaml-syntax", "syntax");

    @Test
    void yamllintAgreesOnEveryYamlFileOfTheCorpus(@TempDir Path directory) throws IOException {
        InstalledTool yamllint = InstalledTool.find("yamllint").orElse(null);
        Assumptions.assumeTrue(yamllint != null,
                "yamllint is not installed (Debian package yamllint; .ci/run installs it): agreement not checked");
        ValidatorRegistry validators = ValidatorRegistry.builtIn();
        int compared = 0;
        for (ValidationCorpusTest.Case corpusCase : ValidationCorpusTest.cases().toList()) {
            List<GeneratedFile> files = ValidationCorpusTest.files(corpusCase.folder());
            List<Finding> findings = validators.validate(corpusCase.kind(), files).findings();
            for (GeneratedFile file : files) {
                if (!FileNames.isYaml(file.path())) {
                    continue;
                }
                Files.writeString(directory.resolve("file.yaml"), file.content());
                InstalledTool.Run run = yamllint.run(directory, "-d", CONFIG, "-f", "parsable", "file.yaml");
                boolean theirs = run.output().contains("[error]");
                boolean ours = findings.stream().anyMatch(f -> file.path().equals(f.path())
                        && SYNTAX_RULES.contains(f.rule().substring(f.rule().indexOf('/') + 1)));
                assertEquals(theirs, ours, () -> "yamllint and our reader disagree on " + corpusCase + "/"
                        + file.path() + "\n" + run.output());
                compared++;
            }
        }
        Assumptions.assumeTrue(compared > 0, "the corpus holds no YAML file");
    }
}
