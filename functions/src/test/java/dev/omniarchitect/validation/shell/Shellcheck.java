package dev.omniarchitect.validation.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omniarchitect.validation.InstalledTool;
import dev.omniarchitect.validation.ValidationCorpusTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the scripts of the corpus files of a kind through shellcheck and asserts it finds the same kinds of
 * problem as our shell parser on each file: a syntax error (its SC1xxx errors) and an unquoted expansion
 * (its SC2086). Skipped where shellcheck is not installed.
 */
public final class Shellcheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Shellcheck() {
    }

    /** Asserts agreement on every corpus case of the kind, with the scripts each case's files hold. */
    public static void assertAgreesOnCorpus(String kind, String dialect,
                                            Function<ValidationCorpusTest.Case, List<EmbeddedScript>> scripts,
                                            Path workDirectory) {
        InstalledTool shellcheck = InstalledTool.find("shellcheck").orElse(null);
        Assumptions.assumeTrue(shellcheck != null,
                "shellcheck is not installed (Debian package shellcheck; .ci/run installs it): agreement not checked");
        List<ValidationCorpusTest.Case> cases = ValidationCorpusTest.cases().filter(c -> c.kind().equals(kind)).toList();
        int checked = 0;
        for (ValidationCorpusTest.Case corpusCase : cases) {
            Set<ShellProblem.Type> ours = new TreeSet<>();
            Set<ShellProblem.Type> theirs = new TreeSet<>();
            for (EmbeddedScript script : scripts.apply(corpusCase)) {
                ShellScript.check(script.text()).forEach(problem -> ours.add(problem.type()));
                theirs.addAll(problemTypes(shellcheck, dialect, script.text(), workDirectory));
                checked++;
            }
            assertEquals(theirs, ours, () -> "shellcheck and our shell parser disagree on " + corpusCase);
        }
        Assumptions.assumeTrue(checked > 0, "the " + kind + " corpus holds no script");
    }

    /** The kinds of problem shellcheck finds in a script: its SC1xxx errors and its SC2086. */
    public static Set<ShellProblem.Type> problemTypes(InstalledTool tool, String dialect, String script, Path directory) {
        try {
            Path file = directory.resolve("script.sh");
            Files.writeString(file, script + "\n");
            InstalledTool.Run run = tool.run(directory, "-s", dialect, "-f", "json1", "script.sh");
            Set<ShellProblem.Type> types = new TreeSet<>();
            for (JsonNode comment : JSON.readTree(run.output()).path("comments")) {
                int code = comment.path("code").asInt();
                if (code >= 1000 && code < 2000 && comment.path("level").asText().equals("error")) {
                    types.add(ShellProblem.Type.SYNTAX);
                } else if (code == 2086) {
                    types.add(ShellProblem.Type.UNQUOTED_EXPANSION);
                }
            }
            return types;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
