package dev.omniarchitect.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.omniarchitect.artifact.GeneratedFile;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A model can answer anything: every validator turns any text, in any file name, into findings and
 * never fails (a failure would surface as the registry's validation/not-checked warning).
 */
class ValidatorRobustnessTest {

    private static final ValidatorRegistry VALIDATORS = ValidatorRegistry.builtIn();
    private static final List<String> FILE_NAMES = List.of("Dockerfile", "manifest.yaml", "main.tf", "dashboard.json",
            "policy.rego", "template.template");
    private static final List<String> TEXTS = List.of(
            "",
            "hello",
            "- a\n- b\n",
            "a: [1, {b: }]\n",
            "}{][)(\"'`\n<<EOF\n",
            "[1, 2]",
            "{\"dashboard\": {\"title\": 1, \"uid\": [], \"panels\": [1, {\"panels\": 1, \"id\": {}, \"type\": 2},"
                    + " {\"type\": \"graph\", \"targets\": 3, \"datasource\": null}]}}",
            "services: [a]\njobs: {build: [1]}\ngroups: {a: 1}\npanels: x\nResources: {A: x}\nspec: {rules: x}\n",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: x\nspec: {template: {spec: {containers: [1, {name: [x], "
                    + "image: {a: 1}, env: [1, {name: 1, value: [1]}], securityContext: 1, resources: x}]}}, "
                    + "selector: {matchLabels: [1]}}\n",
            "apiVersion: batch/v1\nkind: CronJob\nspec: {jobTemplate: [1]}\n---\napiVersion: 1\nkind: [1]\n",
            "variable \"x\" {\n  default = { a = 1 }\n  sensitive = \"yes\"\n}\nterraform { required_providers = 1 }\n"
                    + "variable \"password\" {\n  default = [1]\n}\nresource \"a\" {}\n",
            "FROM\nUSER\nADD\nENV\nARG =\nEXPOSE\nHEALTHCHECK\nONBUILD RUN x\nFROM $UNSET AS\nRUN <<EOF\n",
            "kind: ClusterPolicy\napiVersion: kyverno.io/v1\nspec: {validationFailureAction: [1], "
                    + "rules: [1, {name: {a: 1}, validate: 1, match: 1}]}\n",
            "Transform: x\nResources: {A: {Type: 1, Properties: [1, {Password: 2, Sub: {Fn::Sub: [1, 2]}}], "
                    + "DependsOn: {a: 1}, DeletionPolicy: []}}\nParameters: {P: 1}\nOutputs: {O: 1}\nConditions: 1\n",
            "Resources: {A: {Type: AWS::S3::Bucket, Properties: {X: {Ref: [1]}, Y: {Fn::GetAtt: []}, "
                    + "Z: {Fn::Sub: [\"${B}\", 1]}, W: {Fn::If: 1}}}}\n",
            "on: push\njobs: {a: {steps: [1, {uses: 1, run: [1]}], needs: {x: 1}, permissions: 1, uses: 2}}\n",
            "groups: [1, {name: [1], rules: [1, {alert: [1], expr: {a: 1}, for: [1], labels: 1}]}]\n",
            "services: {a: {image: 1, environment: [1, {a: 1}], networks: 1, volumes: [1, {type: volume, "
                    + "source: [1]}], secrets: [{source: {}}], depends_on: 1}}\n");

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void anyInputGivesFindingsNeverAFailure(String kind) {
        List<String> failures = new ArrayList<>();
        for (String fileName : FILE_NAMES) {
            for (String text : TEXTS) {
                ValidationReport report = VALIDATORS.validate(kind, List.of(new GeneratedFile(fileName, text)));
                if (report.findings().stream().anyMatch(finding -> finding.rule().equals("validation/not-checked"))) {
                    failures.add(fileName + " with " + text);
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    static Stream<String> kinds() {
        return VALIDATORS.all().stream().map(FileValidator::kind);
    }
}
