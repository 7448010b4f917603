package dev.omniarchitect.kinds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omniarchitect.kind.Kind;
import dev.omniarchitect.kind.KindRegistry;
import dev.omniarchitect.provider.blueprint.BlueprintProvider;
import dev.omniarchitect.validation.FileValidator;
import dev.omniarchitect.validation.ValidatorRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A kind is one folder and one line of {@link BuiltInKinds}; nothing else in the code names it. */
class BuiltInKindsTest {

    private static final Path MAIN_SOURCES = Path.of("src/main/java/dev/omniarchitect");

    @Test
    void eachKindsDefinitionBlueprintAndValidatorShareOneFolder() {
        Set<String> folders = new HashSet<>();
        for (KindDefinition definition : BuiltInKinds.ALL) {
            String folder = folderOf(definition);
            String name = definition.kind().name();
            assertTrue(folder.startsWith("dev.omniarchitect.kinds."), name + " lives in " + folder);
            assertTrue(folders.add(folder), "two kinds in " + folder);
            assertEquals(name, definition.newBlueprint().kind(), name + "'s blueprint renders another kind");
            definition.newValidator().ifPresent(validator -> {
                assertEquals(folder, validator.getClass().getPackageName(), name + "'s validator");
                assertEquals(name, validator.kind(), name + "'s validator checks another kind");
            });
        }
    }

    @Test
    void theRegistriesAreBuiltFromTheOneList() {
        List<String> names = BuiltInKinds.ALL.stream().map(definition -> definition.kind().name()).toList();
        BlueprintProvider blueprints = BlueprintProvider.builtIn();
        ValidatorRegistry validators = ValidatorRegistry.builtIn();

        assertEquals(names, KindRegistry.builtIn().names());
        names.forEach(name -> assertTrue(blueprints.supports(name), name));
        List<String> validated = BuiltInKinds.ALL.stream().filter(definition -> definition.validator() != null)
                .map(definition -> definition.kind().name()).sorted().toList();
        assertEquals(validated, validators.all().stream().map(FileValidator::kind).toList());
    }

    @Test
    void aKindThatTakesInputAnswersWithFindingsAndIsNotItselfReviewed() {
        KindRegistry kinds = KindRegistry.builtIn();

        assertEquals(List.of("security-review"), kinds.namesTakingInput());
        Kind review = kinds.get("security-review");
        assertFalse(review.reviewable());
        assertTrue(BuiltInKinds.ALL.stream().filter(definition -> definition.kind().takesInput())
                .allMatch(definition -> definition.validator() == null));
    }

    /** The folder of a kind: its blueprint's. */
    private static String folderOf(KindDefinition definition) {
        return definition.newBlueprint().getClass().getPackageName();
    }

    /**
     * Traits are fields of the kind: no kind's name is written as a string in the main code outside its own
     * folder (JSON samples in text blocks aside), so no code elsewhere special-cases a kind.
     */
    @Test
    void noKindIsNamedInCodeOutsideItsFolder() throws IOException {
        List<String> offences = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(MAIN_SOURCES)) {
            for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
                String code = Files.readString(source).replaceAll("\"\"\"[\\s\\S]*?\"\"\"", "\"\"");
                for (KindDefinition definition : BuiltInKinds.ALL) {
                    String folder = folderOf(definition).replace('.', '/');
                    if (!source.toString().replace('\\', '/').contains(folder + "/")
                            && code.contains("\"" + definition.kind().name() + "\"")) {
                        offences.add(MAIN_SOURCES.relativize(source) + " names " + definition.kind().name());
                    }
                }
            }
        }
        assertEquals(List.of(), offences);
    }
}
