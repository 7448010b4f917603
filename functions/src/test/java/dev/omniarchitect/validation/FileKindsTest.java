package dev.omniarchitect.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.omniarchitect.kind.KindRegistry;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An existing file's kind, from its name, its content's signature, or which validator fits it best. */
class FileKindsTest {

    private static final KindRegistry KINDS = KindRegistry.builtIn();
    private static final ValidatorRegistry VALIDATORS = ValidatorRegistry.builtIn();

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "Dockerfile|FROM alpine:3.20\\n|dockerfile",
        "services/api/Containerfile|FROM alpine:3.20\\n|dockerfile",
        "infra/main.tf|resource \"x\" \"y\" {}\\n|terraform",
        "policy/deny.rego|package k8s\\n|security-policy",
        ".github/workflows/ci.yml|on: push\\njobs:\\n  a: {}\\n|github-actions",
        "deploy/compose.yaml|services:\\n  web: {}\\n|docker-compose",
        "k8s/app.yaml|apiVersion: v1\\nkind: Pod\\n|kubernetes",
        "policy.yaml|apiVersion: kyverno.io/v1\\nkind: ClusterPolicy\\n|security-policy",
        "alerts.yml|groups:\\n  - name: g\\n|prometheus-rules",
        "stack.yaml|Resources:\\n  B: {Type: AWS::S3::Bucket}\\n|cloudformation",
        "board.json|{\"title\": \"t\", \"uid\": \"u\", \"panels\": [{\"type\": \"text\"}]}|grafana-dashboard",
        "stack.json|{\"Resources\": {\"B\": {\"Type\": \"AWS::S3::Bucket\"}}}|cloudformation",
    })
    void recognisesTheKindOfAFile(String path, String content, String kind) {
        assertEquals(Optional.of(kind), FileKinds.of(path, content.replace("\\n", "\n"), KINDS, VALIDATORS));
    }

    @ParameterizedTest
    @CsvSource({"notes.txt", "README.md"})
    void aFileNoValidatorReadsHasNoKind(String path) {
        assertEquals(Optional.empty(), FileKinds.of(path, "text\n", KINDS, VALIDATORS));
    }
}
