package dev.omniarchitect.review;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A security review's input goes to the validator of what it is, recognised from its content. */
class ReviewedFileTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "apiVersion: kyverno.io/v1\\nkind: ClusterPolicy\\nmetadata:\\n  name: p\\n|security-policy|policy.yaml",
        "package kubernetes.admission\\n\\ndeny contains msg if {\\n  input.x\\n}\\n|security-policy|policy.rego",
        "apiVersion: apps/v1\\nkind: Deployment\\n|kubernetes|manifest.yaml",
        "FROM alpine:3.20\\nRUN true\\n|dockerfile|Dockerfile",
        "on: push\\njobs:\\n  a:\\n|github-actions|.github/workflows/workflow.yml",
        "groups:\\n  - name: g\\n|prometheus-rules|rules.yml",
    })
    void recognisesTheKindOfTheInput(String input, String kind, String path) {
        ReviewedFile reviewed = ReviewedFile.of(input.replace("\\n", "\n"));

        assertEquals(kind, reviewed.kind());
        assertEquals(path, reviewed.file().path());
    }
}
