package dev.omniarchitect.kinds.githubactions;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.validation.ValidationCorpusTest;
import dev.omniarchitect.validation.shell.EmbeddedScript;
import dev.omniarchitect.validation.shell.Shellcheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** shellcheck agrees with our shell parser on the run: scripts of every workflow of the corpus. */
class StepScriptsShellcheckTest {

    @Test
    void shellcheckAgreesOnEveryWorkflowOfTheCorpus(@TempDir Path directory) {
        Shellcheck.assertAgreesOnCorpus("github-actions", "bash", corpusCase -> {
            List<EmbeddedScript> scripts = new ArrayList<>();
            for (GeneratedFile file : ValidationCorpusTest.files(corpusCase.folder())) {
                if (file.path().contains("workflows/")) {
                    scripts.addAll(StepScripts.scripts(file.content()));
                }
            }
            return scripts;
        }, directory);
    }
}
