package dev.omniarchitect.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.omniarchitect.json.Json;
import dev.omniarchitect.kind.KindRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Batch documents written as JSON Lines: read as the JSON ones are, their problems named by line. */
class BatchLinesTest {

    private final BatchDocumentParser parser = new BatchDocumentParser(Json.mapper(), KindRegistry.builtIn(),
            new BatchDefaults("blueprint", Map.of("blueprint", "blueprint-v1", "openai", "gpt-4o-mini"), 604_800));

    private List<Violation> refused(String text) {
        return assertThrows(InvalidBatchException.class,
                () -> parser.parse(text, DocumentFormat.JSON_LINES, BatchOverrides.NONE)).violations();
    }

    @Test
    void aFirstLineWithoutIdKindOrPromptHoldsTheDocumentsOwnFields() {
        BatchDocument document = parser.parse("""
                \uFEFF{"provider": "openai", "options": {"cache": "bypass", "maxAttempts": 2}, "clientToken": "t-1"}

                {"id": "a", "kind": "dockerfile", "prompt": "an API"}
                {"id": "b", "kind": "kubernetes", "prompt": "its deployment", "provider": "blueprint"}
                """, DocumentFormat.JSON_LINES, BatchOverrides.NONE);

        assertEquals(List.of("a", "b"), document.items().stream().map(BatchItem::id).toList());
        assertEquals("openai", document.items().get(0).settings().provider());
        assertEquals("blueprint", document.items().get(1).settings().provider());
        assertEquals(CacheMode.BYPASS, document.items().get(1).settings().cache());
        assertEquals(2, document.items().get(0).settings().maxAttempts());
        assertEquals("t-1", document.clientToken());
    }

    @Test
    void withoutAHeaderEveryLineIsAnItemAndTheSameItemsMakeTheSameDocumentAsJson() {
        String lines = "{\"id\": \"a\", \"kind\": \"dockerfile\", \"prompt\": \"an API\"}\r\n"
                + "{\"id\": \"b\", \"kind\": \"terraform\", \"prompt\": \"a bucket\"}";
        BatchDocument fromLines = parser.parse(lines, DocumentFormat.JSON_LINES, BatchOverrides.NONE);
        BatchDocument fromJson = parser.parse("{\"items\": [" + lines.replace("\r\n", ",") + "]}", DocumentFormat.JSON,
                BatchOverrides.NONE);

        assertEquals(fromJson, fromLines);
    }

    @Test
    void eachProblemNamesItsLine() {
        assertEquals(List.of(new Violation("line 2", "not a JSON object: unexpected character 'k'; field names need "
                        + "double quotes"),
                new Violation("line 3", "each line must be one JSON object: an item, or first of all the document's "
                        + "own fields")),
                refused("{\"id\": \"a\", \"kind\": \"dockerfile\", \"prompt\": \"p\"}\n{kind}\n[1, 2]\n"));

        List<Violation> items = refused("""
                {"options": {"cache": "sometimes"}}
                {"id": "a", "kind": "dockerfile", "prompt": "p"}

                {"id": "b", "kind": "spreadsheet", "prompt": "p"}
                {"id": "a", "kind": "dockerfile", "prompt": "p"}
                """);
        assertEquals(List.of("line 1: options.cache", "line 4: kind", "line 5: id"),
                items.stream().map(Violation::field).toList(), items.toString());

        assertEquals("line 1", refused("{\"provider\": \"openai\", \"items\": []}\n{\"id\": \"a\", \"kind\": "
                + "\"dockerfile\", \"prompt\": \"p\"}").get(0).field());
        List<Violation> empty = refused("{\"provider\": \"openai\"}\n\n");
        assertEquals("lines", empty.get(0).field(), empty.toString());
        assertEquals("must hold 1 to " + BatchLimits.MAX_ITEMS + " item lines, got 0", empty.get(0).message());
    }

    @Test
    void theFormatFollowsTheFileNameOrItsWireName() {
        assertEquals(DocumentFormat.JSON_LINES, DocumentFormat.ofFileName("jobs/fleet.JSONL"));
        assertEquals(DocumentFormat.JSON_LINES, DocumentFormat.ofFileName("fleet.ndjson"));
        assertEquals(DocumentFormat.JSON, DocumentFormat.ofFileName("events/batch-request.json"));
        assertEquals(DocumentFormat.JSON, DocumentFormat.ofFileName("-"));
        assertEquals(DocumentFormat.JSON_LINES, DocumentFormat.named("jsonl").orElseThrow());
        assertEquals(java.util.Optional.empty(), DocumentFormat.named("yaml"));
    }
}
