package dev.omniarchitect.kinds.dockerfile;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.validation.ValidationCorpusTest;
import dev.omniarchitect.validation.shell.Shellcheck;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** shellcheck agrees with our shell parser on the RUN scripts of every Dockerfile of the corpus. */
class RunScriptsShellcheckTest {

    @Test
    void shellcheckAgreesOnEveryDockerfileOfTheCorpus(@TempDir Path directory) {
        Shellcheck.assertAgreesOnCorpus("dockerfile", "sh", corpusCase -> ValidationCorpusTest.files(corpusCase.folder())
                .stream().filter(file -> file.path().endsWith("Dockerfile"))
                .map(GeneratedFile::content)
                .flatMap(content -> RunScripts.scripts(content).stream())
                .toList(), directory);
    }
}
