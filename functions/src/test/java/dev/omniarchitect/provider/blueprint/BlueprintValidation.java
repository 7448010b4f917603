package dev.omniarchitect.provider.blueprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.validation.ValidationReport;
import dev.omniarchitect.validation.ValidatorRegistry;
import java.util.List;

/** Checks rendered blueprints with the kind's real validator, as the pipeline checks any answer. */
final class BlueprintValidation {

    private static final ValidatorRegistry VALIDATORS = ValidatorRegistry.builtIn();

    private BlueprintValidation() {
    }

    /** Fails unless the validator of the kind finds nothing at all, not even a warning, in the rendered files. */
    static void assertNoFindings(String kind, String paramsJson) {
        List<GeneratedFile> files = BlueprintTestSupport.render(kind, paramsJson).entrySet().stream()
                .map(file -> new GeneratedFile(file.getKey(), file.getValue())).toList();
        ValidationReport report = VALIDATORS.validate(kind, files);

        assertTrue(report.ok(), kind + " " + paramsJson + ": " + report.findings());
        assertEquals(List.of(), report.findings(), kind + " " + paramsJson + ": not even a warning");
    }
}
