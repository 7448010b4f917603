package dev.omniarchitect.kind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omniarchitect.artifact.GeneratedFile;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnswerParserTest {

    private static final KindRegistry KINDS = KindRegistry.builtIn();
    private final AnswerParser parser = new AnswerParser();

    private List<GeneratedFile> parse(String kind, String answer) {
        return parser.parse(KINDS.get(kind), answer);
    }

    private static List<String> paths(List<GeneratedFile> files) {
        return files.stream().map(GeneratedFile::path).toList();
    }

    @Test
    void namesFromTheInfoString() {
        List<GeneratedFile> files = parse("kubernetes", """
                ```yaml path=k8s/a.yaml
                kind: Deployment
                ```

                ```yaml:k8s/b.yaml
                kind: Service
                ```

                ```yml title="x.yml"
                kind: ConfigMap
                ```

                ```yaml filename=c.yaml other=1
                kind: Secret
                ```
                """);

        assertEquals(List.of("k8s/a.yaml", "k8s/b.yaml", "x.yml", "c.yaml"), paths(files));
        assertEquals("kind: Deployment\n", files.get(0).content());
        assertEquals("kind: ConfigMap\n", files.get(2).content());
    }

    @Test
    void hclWithAColonNamesTheFile() {
        List<GeneratedFile> files = parse("terraform", """
                ```hcl:main.tf
                terraform {}
                ```
                ```terraform path=modules/net/variables.tf
                variable "x" {}
                ```
                """);

        assertEquals(List.of("main.tf", "modules/net/variables.tf"), paths(files));
        assertEquals("terraform {}\n", files.get(0).content());
    }

    @Test
    void aFirstLineFileCommentNamesTheFileAndIsRemoved() {
        List<GeneratedFile> files = parse("kubernetes", """
                ```yaml
                # file: k8s/deployment.yaml
                apiVersion: apps/v1
                kind: Deployment
                ```

                ```yaml
                # Path: k8s/svc.yaml
                kind: Service
                ```
                """);

        assertEquals(List.of("k8s/deployment.yaml", "k8s/svc.yaml"), paths(files));
        assertEquals("apiVersion: apps/v1\nkind: Deployment\n", files.get(0).content());
        assertEquals("kind: Service\n", files.get(1).content());
    }

    @Test
    void anOrdinaryFirstLineCommentStays() {
        List<GeneratedFile> files = parse("dockerfile", """
                ```dockerfile
                # syntax=docker/dockerfile:1
                FROM alpine:3.22
                ```
                """);

        assertEquals(List.of("Dockerfile"), paths(files));
        assertEquals("# syntax=docker/dockerfile:1\nFROM alpine:3.22\n", files.get(0).content());
    }

    @Test
    void namesFromTheLineBeforeTheBlock() {
        List<GeneratedFile> k8s = parse("kubernetes", """
                **k8s/service.yaml**

                ```yaml
                kind: Service
                ```

                ### k8s/hpa.yaml
                ```yaml
                kind: HorizontalPodAutoscaler
                ```
                """);
        List<GeneratedFile> terraform = parse("terraform", """
                File: main.tf

                ```hcl
                terraform {}
                ```

                `variables.tf`

                ```hcl
                variable "name" {}
                ```

                **Path:** `outputs.tf`
                ```hcl
                output "x" {}
                ```
                """);

        assertEquals(List.of("k8s/service.yaml", "k8s/hpa.yaml"), paths(k8s));
        assertEquals(List.of("main.tf", "variables.tf", "outputs.tf"), paths(terraform));
        assertEquals("variable \"name\" {}\n", terraform.get(1).content());
    }

    @Test
    void proseBeforeABlockDoesNotNameIt() {
        List<GeneratedFile> files = parse("kubernetes", """
                Here is the manifest you asked for.

                ```yaml
                kind: Deployment
                ```
                """);

        assertEquals(List.of("deployment.yaml"), paths(files));
    }

    @Test
    void unnamedBlocksGetTheKindsDefaultNamesInOrder() {
        List<GeneratedFile> docker = parse("dockerfile", """
                ```dockerfile
                FROM alpine:3.22
                ```
                ```
                .git
                ```
                """);
        List<GeneratedFile> k8s = parse("kubernetes", """
                ```yaml
                kind: Deployment
                ```
                ```yaml
                kind: Service
                ```
                ```yml
                kind: HorizontalPodAutoscaler
                ```
                ```yaml
                kind: PodDisruptionBudget
                ```
                """);

        assertEquals(List.of("Dockerfile", ".dockerignore"), paths(docker));
        assertEquals(".git\n", docker.get(1).content());
        assertEquals(List.of("deployment.yaml", "service.yaml", "hpa.yaml", "deployment-4.yaml"), paths(k8s));
        assertEquals("kind: PodDisruptionBudget\n", k8s.get(3).content());
    }

    @Test
    void namedBlocksDoNotUseUpDefaultNames() {
        List<GeneratedFile> files = parse("kubernetes", """
                ```yaml path=k8s/pdb.yaml
                kind: PodDisruptionBudget
                ```
                ```yaml
                kind: Deployment
                ```
                """);

        assertEquals(List.of("k8s/pdb.yaml", "deployment.yaml"), paths(files));
    }

    @Test
    void blocksInAForeignLanguageAreSkippedUnlessNamed() {
        List<GeneratedFile> files = parse("dockerfile", """
                ```dockerfile
                FROM alpine:3.22
                ```

                Build it with:

                ```bash
                docker build -t app .
                ```

                ```json
                {"not": "a file"}
                ```

                ```bash path=scripts/build.sh
                docker build -t app .
                ```
                """);

        assertEquals(List.of("Dockerfile", "scripts/build.sh"), paths(files));
        assertEquals("docker build -t app .\n", files.get(1).content());
    }

    @Test
    void languagesAreMatchedCaseInsensitively() {
        List<GeneratedFile> files = parse("dockerfile", """
                ```Dockerfile
                FROM alpine:3.22
                ```
                """);

        assertEquals(List.of("Dockerfile"), paths(files));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../etc/passwd", "k8s/../../x.yaml", "./../x.yaml", "a//b.yaml", "a/./b.yaml",
        "k8s/", "..\\\\..\\\\x.yaml"})
    void unsafePathsFallBackToDefaultNames(String unsafe) {
        List<GeneratedFile> files = parse("kubernetes", "```yaml path=" + unsafe + "\nkind: Deployment\n```\n");

        assertEquals(1, files.size());
        assertEquals("deployment.yaml", files.get(0).path(), "from " + unsafe);
    }

    @Test
    void unsafePathsInCommentsAndPrecedingLinesFallBackToo() {
        List<GeneratedFile> files = parse("terraform", """
                ```hcl
                # file: ../../etc/passwd
                terraform {}
                ```

                File: ../main.tf

                ```hcl
                variable "x" {}
                ```
                """);

        assertEquals(List.of("main.tf", "variables.tf"), paths(files));
        assertTrue(files.get(0).content().startsWith("# file: ../../etc/passwd\n"), "an unusable name line stays");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/abs/x.yaml", "//abs/x.yaml", "./abs/x.yaml", "\\\\abs\\\\x.yaml"})
    void absolutePathsBecomeRelativeToTheItemFolder(String absolute) {
        List<GeneratedFile> files = parse("kubernetes", "```yaml path=" + absolute + "\nkind: Deployment\n```\n");

        assertEquals("abs/x.yaml", files.get(0).path());
    }

    @Test
    void noPathEverEscapesTheItemFolder() {
        String answer = """
                ```yaml path=/etc/passwd
                a: 1
                ```
                ```yaml path=../x.yaml
                b: 2
                ```
                ```yaml
                # file: /root/.ssh/authorized_keys
                c: 3
                ```
                """;
        for (GeneratedFile file : parse("kubernetes", answer)) {
            assertFalse(file.path().startsWith("/") || file.path().contains(".."), file.path());
        }
    }

    @Test
    void duplicateNamesAreMadeUnique() {
        List<GeneratedFile> files = parse("kubernetes", """
                ```yaml path=k8s/a.yaml
                a: 1
                ```
                ```yaml path=k8s/a.yaml
                a: 2
                ```
                ```yaml path=k8s/a.yaml
                a: 3
                ```
                ```yaml path=k8s/Dockerfile
                a: 4
                ```
                ```yaml path=k8s/Dockerfile
                a: 5
                ```
                """);

        assertEquals(List.of("k8s/a.yaml", "k8s/a-2.yaml", "k8s/a-3.yaml", "k8s/Dockerfile", "k8s/Dockerfile-2"),
                paths(files));
        assertEquals("a: 2\n", files.get(1).content());
    }

    @Test
    void aNamedFileAndAnUnnamedOneWithTheSameDefaultStayApart() {
        List<GeneratedFile> files = parse("dockerfile", """
                ```dockerfile path=Dockerfile
                FROM alpine:3.22
                ```
                ```dockerfile
                FROM alpine:3.21
                ```
                """);

        assertEquals(List.of("Dockerfile", "Dockerfile-2"), paths(files));
    }

    @Test
    void anAnswerWithoutCodeBlocksHasNoFiles() {
        assertTrue(parse("kubernetes", "I cannot help with that.").isEmpty());
        assertTrue(parse("kubernetes", "").isEmpty());
        assertTrue(parse("kubernetes", "Use `kubectl apply -f deployment.yaml` and an    indented\n\n    code block\n")
                .isEmpty());
    }

    @Test
    void blankBlocksAreSkipped() {
        List<GeneratedFile> files = parse("kubernetes", """
                ```yaml path=empty.yaml
                ```
                ```yaml

                ```
                ```yaml
                kind: Deployment
                ```
                """);

        assertEquals(List.of("deployment.yaml"), paths(files));
    }

    @Test
    void tildeFencesAndLongerFencesWork() {
        List<GeneratedFile> files = parse("github-actions", """
                ~~~yaml path=.github/workflows/ci.yml
                name: CI
                ~~~

                ````yaml path=.github/workflows/docs.yml
                run: |
                  ```
                  nested fence
                  ```
                ````

                ~~~~
                unnamed: true
                ~~~~
                """);

        assertEquals(List.of(".github/workflows/ci.yml", ".github/workflows/docs.yml", ".github/workflows/ci-2.yml"),
                paths(files));
        assertEquals("name: CI\n", files.get(0).content());
        assertEquals("run: |\n  ```\n  nested fence\n  ```\n", files.get(1).content());
        assertEquals("unnamed: true\n", files.get(2).content());
    }

    @Test
    void anUnclosedFenceRunsToTheEnd() {
        List<GeneratedFile> files = parse("prometheus-rules", "```yaml\ngroups: []\n");

        assertEquals(List.of("alerts.rules.yml"), paths(files));
        assertEquals("groups: []\n", files.get(0).content());
    }

    @Test
    void aFileNameMentionedInASentenceDoesNotNameTheBlock() {
        List<GeneratedFile> files = parse("terraform", """
                Make sure `app.tf` is not touched. Then:

                ```hcl
                resource "null_resource" "x" {}
                ```
                """);
        assertEquals(List.of("main.tf"), paths(files));
    }

    @Test
    void onlyWholeInfoStringAttributesNameTheBlock() {
        assertEquals(List.of("main.tf"), paths(parse("terraform", """
                ```hcl rename=evil.tf
                locals {}
                ```
                """)));
        assertEquals(List.of("my-file.tf"), paths(parse("terraform", """
                ```hcl title="my-file.tf"
                locals {}
                ```
                """)));
    }
}
