package dev.omniarchitect.kinds.securityreview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.kind.Kind;
import dev.omniarchitect.kind.KindRegistry;
import dev.omniarchitect.kinds.BuiltInKinds;
import dev.omniarchitect.kinds.KindDefinition;
import dev.omniarchitect.provider.blueprint.BlueprintParams;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A review routes its input to the kind whose signature it holds, most specific first. */
class ReviewedFileTest {

    private static final KindRegistry KINDS = KindRegistry.builtIn();

    @Test
    void eachReviewableKindsOwnBlueprintIsRoutedToThatKind() {
        List<KindDefinition> reviewable = BuiltInKinds.ALL.stream()
                .filter(definition -> definition.kind().reviewable()).toList();
        assertEquals(8, reviewable.size());
        for (KindDefinition definition : reviewable) {
            Kind kind = definition.kind();
            GeneratedFile first = definition.newBlueprint()
                    .render(new BlueprintParams(JsonNodeFactory.instance.objectNode())).get(0);

            ReviewedFile reviewed = ReviewedFile.of(first.content(), KINDS);

            assertEquals(kind.name(), reviewed.kind(), first.path());
            assertEquals(kind.reviewSignature().fileName(), reviewed.file().path());
            assertEquals(first.content(), reviewed.file().content());
        }
    }

    @Test
    void aTemplateWithKubernetesLinesIsATemplate() {
        String template = """
                AWSTemplateFormatVersion: "2010-09-09"
                Resources:
                  Manifest:
                    Type: Custom::Manifest
                    Properties:
                      Body: |
                apiVersion: v1
                kind: ConfigMap
                """;

        assertEquals("cloudformation", ReviewedFile.of(template, KINDS).kind());
    }

    @Test
    void anInputOfNoKnownKindIsReviewedByTheModelAlone() {
        ReviewedFile reviewed = ReviewedFile.of("just some notes\n", KINDS);

        assertNull(reviewed.kind());
        assertEquals("input.txt", reviewed.file().path());
    }
}
