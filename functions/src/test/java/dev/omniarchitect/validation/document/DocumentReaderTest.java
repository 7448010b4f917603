package dev.omniarchitect.validation.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentReaderTest {

    @Test
    void everyNodeKnowsItsLineAndPathAcrossDocuments() throws Exception {
        List<LocatedDocument> documents = DocumentReader.yaml("""
                # a comment
                a: 1
                ---
                ---
                spec:
                  containers:
                    - name: web
                      ports: [80, 443]
                    - name: "side car"
                  "app.kubernetes.io/name": web
                """);

        assertEquals(2, documents.size(), "empty documents are dropped");
        LocatedNode spec = documents.get(1).root().get("spec");
        LocatedNode sidecar = spec.get("containers").get(1);
        assertEquals(5, spec.line());
        assertEquals(9, sidecar.line());
        assertEquals("spec.containers[1]", sidecar.path());
        assertEquals(8, spec.get("containers").get(0).get("ports").get(1).line());
        assertEquals(10, spec.get("app.kubernetes.io/name").line());
        assertEquals("spec.\"app.kubernetes.io/name\"", spec.get("app.kubernetes.io/name").path());
        assertEquals(9, sidecar.get("image").get("tag").line(), "a missing node has its nearest ancestor's line");
        assertTrue(sidecar.get("image").isMissing());
        assertEquals(2, documents.get(0).root().get("a").line());
    }

    @Test
    void aKeyWrittenTwiceIsASyntaxErrorOnTheSecondOne() {
        SyntaxException e = assertThrows(SyntaxException.class, () -> DocumentReader.yaml("a: 1\nb: 2\na: 3\n"));

        assertEquals("duplicate key \"a\"", e.getMessage());
        assertEquals(3, e.line());
    }

    @Test
    void brokenYamlAndJsonGiveTheLineOfTheProblem() {
        assertEquals(3, assertThrows(SyntaxException.class,
                () -> DocumentReader.yaml("a:\n  b: 1\n c: 2\n")).line());
        SyntaxException json = assertThrows(SyntaxException.class, () -> DocumentReader.json("{\n  \"a\": 1,\n}\n"));
        assertEquals(3, json.line());
        assertEquals("unexpected content after the JSON value",
                assertThrows(SyntaxException.class, () -> DocumentReader.json("{}\n{}")).getMessage());
    }

    @Test
    void jsonNodesHaveLinesToo() throws Exception {
        LocatedNode root = DocumentReader.json("{\n  \"panels\": [\n    {\n      \"id\": 1\n    }\n  ]\n}\n").root();

        assertEquals(3, root.get("panels").get(0).line());
        assertEquals(4, root.at("panels").get(0).get("id").line());
    }

    @Test
    void tagsAreResolvedByTheGivenResolver() throws Exception {
        TagResolver wrap = (tag, value) -> value.isTextual()
                ? com.fasterxml.jackson.databind.node.TextNode.valueOf(tag + ":" + value.asText()) : value;

        LocatedNode root = DocumentReader.yaml("a: !Ref Bucket\nb: plain\n", wrap).get(0).root();

        assertEquals("Ref:Bucket", root.get("a").text());
        assertEquals("plain", root.get("b").text());
        assertEquals("Bucket", DocumentReader.yaml("a: !Ref Bucket\n").get(0).root().get("a").text());
    }
}
