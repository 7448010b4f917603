package dev.omniarchitect.kinds.grafana;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.validation.InstalledTool;
import dev.omniarchitect.validation.ValidationCorpusTest;
import dev.omniarchitect.validation.document.DocumentReader;
import dev.omniarchitect.validation.document.LocatedNode;
import dev.omniarchitect.validation.document.SyntaxException;
import dev.omniarchitect.validation.promql.PromQl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** promtool and our PromQL parser agree on every panel query of the Grafana corpus, variables substituted. */
class PanelQueriesPromtoolTest {

    @Test
    void promtoolAgreesOnEveryPanelQueryOfTheCorpus(@TempDir Path directory) throws IOException {
        InstalledTool promtool = InstalledTool.find("promtool").orElse(null);
        Assumptions.assumeTrue(promtool != null,
                "promtool is not installed (Debian package prometheus; .ci/run installs it): agreement not checked");
        List<String> queries = new ArrayList<>();
        ValidationCorpusTest.cases().filter(c -> c.kind().equals("grafana-dashboard"))
                .flatMap(c -> ValidationCorpusTest.files(c.folder()).stream())
                .filter(file -> file.path().endsWith(".json"))
                .forEach(file -> queries.addAll(queries(file)));
        Assumptions.assumeTrue(!queries.isEmpty(), "the Grafana corpus holds no query");
        for (String query : queries) {
            String substituted = PanelChecks.substituteVariables(query);
            Files.writeString(directory.resolve("rules.yml"), "groups:\n  - name: g\n    rules:\n      - record: a:b:c\n"
                    + "        expr: '" + substituted.replace("'", "''") + "'\n");
            InstalledTool.Run run = promtool.run(directory, "check", "rules", "rules.yml");
            assertEquals(run.exitCode() == 0, PromQl.problem(substituted).isEmpty(),
                    () -> "promtool and our parser disagree on " + substituted + "\n" + run.output());
        }
    }

    private static List<String> queries(GeneratedFile file) {
        List<String> queries = new ArrayList<>();
        try {
            collect(DocumentReader.json(file.content()).root(), queries);
        } catch (SyntaxException e) {
            // A file that is not JSON holds no queries.
        }
        return queries;
    }

    private static void collect(LocatedNode node, List<String> queries) {
        if (node.get("expr").hasText() && node.get("refId").hasText()) {
            queries.add(node.get("expr").text());
        }
        node.fields().forEach(field -> collect(field.getValue(), queries));
        node.elements().forEach(element -> collect(element, queries));
    }
}
