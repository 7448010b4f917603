package dev.omniarchitect.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omniarchitect.json.Json;
import dev.omniarchitect.kind.KindRegistry;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchDocumentParserTest {

    private final BatchDocumentParser parser = new BatchDocumentParser(Json.mapper(), KindRegistry.builtIn(),
            new BatchDefaults("blueprint", Map.of("blueprint", "blueprint-v1", "openai", "gpt-4o-mini"), 604_800));

    @Test
    void resolvesSettingsFromItemThenDocumentThenDefaults() {
        BatchDocument document = parser.parse("""
                {
                  "provider": "openai", "model": "gpt-4.1",
                  "options": {"temperature": 0.5, "maxTokens": 2000, "cache": "refresh"},
                  "items": [
                    {"id": "a", "kind": "dockerfile", "prompt": "p", "params": {"port": 8080}},
                    {"id": "b", "kind": "terraform", "prompt": "p", "model": "gpt-4o",
                     "options": {"temperature": 0, "timeoutSeconds": 30, "cacheTtlSeconds": 3600}},
                    {"id": "c", "kind": "kubernetes", "prompt": "p", "provider": "blueprint"}
                  ]
                }""", BatchOverrides.NONE);

        ItemSettings a = document.items().get(0).settings();
        assertEquals(new ItemSettings("openai", "gpt-4.1", 0.5, 2000, 120, CacheMode.REFRESH, 604_800, 3, List.of()), a);
        assertEquals(8080, document.items().get(0).params().get("port").asInt());
        ItemSettings b = document.items().get(1).settings();
        assertEquals(new ItemSettings("openai", "gpt-4o", 0.0, 2000, 30, CacheMode.REFRESH, 3600, 3, List.of()), b);
        ItemSettings c = document.items().get(2).settings();
        assertEquals("blueprint", c.provider());
        assertEquals("blueprint-v1", c.model(), "the document's model belongs to the document's provider");
    }

    @Test
    void defaultsApplyWhenTheDocumentSetsNothing() {
        BatchDocument document = parser.parse("{\"items\":[{\"id\":\"x\",\"kind\":\"dockerfile\",\"prompt\":\"p\"}]}",
                BatchOverrides.NONE);
        assertEquals(new ItemSettings("blueprint", "blueprint-v1", 0.2, 4096, 120, CacheMode.USE, 604_800, 3, List.of()),
                document.items().get(0).settings());
        assertTrue(document.items().get(0).params().isEmpty());
    }

    @Test
    void overridesWinOverTheDocument() {
        BatchDocument document = parser.parse("""
                {"provider": "openai", "model": "gpt-4.1", "options": {"cache": "use"},
                 "items": [{"id": "x", "kind": "dockerfile", "prompt": "p", "model": "o3"}]}""",
                new BatchOverrides("blueprint", CacheMode.BYPASS));
        ItemSettings settings = document.items().get(0).settings();
        assertEquals("blueprint", settings.provider());
        assertEquals("blueprint-v1", settings.model());
        assertEquals(CacheMode.BYPASS, settings.cache());
    }

    @Test
    void duplicateIdIsRefusedNamingTheField() {
        Map<String, String> errors = violations("""
                {"items": [{"id": "a", "kind": "dockerfile", "prompt": "p"},
                           {"id": "a", "kind": "dockerfile", "prompt": "p"}]}""");
        assertEquals(Map.of("items[1].id", "duplicate id \"a\": ids must be unique in a batch"), errors);
    }

    @Test
    void unknownKindIsRefusedListingTheKnownOnes() {
        String message = violations("{\"items\":[{\"id\":\"a\",\"kind\":\"helm\",\"prompt\":\"p\"}]}").get("items[0].kind");
        assertTrue(message.startsWith("unknown kind \"helm\"; known kinds: dockerfile, docker-compose, kubernetes"),
                message);
    }

    @Test
    void emptyAndBlankAndOverlongPromptsAreRefused() {
        assertTrue(violations("{\"items\":[{\"id\":\"a\",\"kind\":\"dockerfile\",\"prompt\":\"\"}]}")
                .get("items[0].prompt").contains("1 to 16000 characters"));
        assertTrue(violations("{\"items\":[{\"id\":\"a\",\"kind\":\"dockerfile\",\"prompt\":\"   \"}]}")
                .containsKey("items[0].prompt"));
        String longPrompt = "x".repeat(16_001);
        assertTrue(violations("{\"items\":[{\"id\":\"a\",\"kind\":\"dockerfile\",\"prompt\":\"" + longPrompt + "\"}]}")
                .get("items[0].prompt").contains("got 16001 characters"));
        assertEquals(1, parser.parse("{\"items\":[{\"id\":\"a\",\"kind\":\"dockerfile\",\"prompt\":\""
                + "x".repeat(16_000) + "\"}]}", BatchOverrides.NONE).items().size());
    }

    @Test
    void moreThanTenThousandItemsAreRefusedAndTenThousandAccepted() {
        String items = IntStream.range(0, 10_000)
                .mapToObj(i -> "{\"id\":\"i" + i + "\",\"kind\":\"dockerfile\",\"prompt\":\"p\"}")
                .collect(Collectors.joining(","));
        assertEquals(10_000, parser.parse("{\"items\":[" + items + "]}", BatchOverrides.NONE).items().size());
        String oneMore = items + ",{\"id\":\"extra\",\"kind\":\"dockerfile\",\"prompt\":\"p\"}";
        assertEquals(Map.of("items", "must hold 1 to 10000 items, got 10001"),
                violations("{\"items\":[" + oneMore + "]}"));
        assertEquals(Map.of("items", "must hold 1 to 10000 items, got 0"), violations("{\"items\":[]}"));
    }

    @Test
    void unknownFieldsAreRefusedAtEveryLevel() {
        Map<String, String> errors = violations("""
                {"items": [{"id": "a", "kind": "dockerfile", "promt": "p", "options": {"temprature": 1}}],
                 "verbose": true}""");
        assertTrue(errors.get("verbose").startsWith("unknown field; allowed here: provider, model, fallback, options, mode, clientToken, items"));
        assertTrue(errors.get("items[0].promt").startsWith("unknown field"));
        assertTrue(errors.get("items[0].options.temprature").startsWith("unknown field"));
        assertEquals("required", errors.get("items[0].prompt"));
    }

    @Test
    void malformedJsonIsReportedWithLineAndColumn() {
        String message = violations("{\n  \"items\": [\n    {\"id\": \"a\",, }\n  ]\n}").get("$");
        assertTrue(message.startsWith("malformed JSON at line 3, column 16"), message);
        assertTrue(violations("{\"items\": [] } trailing").get("$").startsWith("malformed JSON"));
        assertTrue(violations("{\"items\": [], \"items\": []}").get("$").contains("a field appears twice"));
        String deep = "[".repeat(1001) + "]".repeat(1001);
        String tooDeep = violations("{\"items\": " + deep + "}").get("$");
        assertTrue(tooDeep.contains("more than 1000 levels deep"), tooDeep);
        for (String bad : new String[] {message, tooDeep, violations("{\"items\": [tru]}").get("$"),
                violations("{\"items\": [").get("$")}) {
            assertFalse(bad.contains("StreamReadConstraints") || bad.contains("Unexpected") || bad.contains("code "),
                    "in our words, not the parser's: " + bad);
        }
    }

    @Test
    void numbersOutOfRangeAndWrongTypesNameTheFieldAndTheRange() {
        Map<String, String> errors = violations("""
                {"options": {"temperature": 2.5, "maxTokens": 0, "timeoutSeconds": 601, "cache": "sometimes",
                             "cacheTtlSeconds": 1.5},
                 "provider": "skynet",
                 "items": [{"id": "Bad_Id", "kind": "dockerfile", "prompt": 42, "params": [1], "model": ""}]}""");
        assertEquals("must be a number from 0.0 to 2.0, got 2.5", errors.get("options.temperature"));
        assertEquals("must be a whole number from 1 to 32768, got 0", errors.get("options.maxTokens"));
        assertEquals("must be a whole number from 1 to 600, got 601", errors.get("options.timeoutSeconds"));
        assertEquals("must be one of use, refresh, bypass, got \"sometimes\"", errors.get("options.cache"));
        assertTrue(errors.get("options.cacheTtlSeconds").startsWith("must be a whole number from 60 to 31536000"));
        assertEquals("unknown provider \"skynet\"; known providers: blueprint, openai", errors.get("provider"));
        assertTrue(errors.get("items[0].id").startsWith("\"Bad_Id\" is not a valid id"));
        assertEquals("must be a string, got 42", errors.get("items[0].prompt"));
        assertEquals("must be a JSON object", errors.get("items[0].params"));
        assertTrue(errors.get("items[0].model").startsWith("must be a model id"));
    }

    @Test
    void aDocumentThatIsNotAnObjectIsRefused() {
        assertEquals(List.of("$"), List.copyOf(violations("[1, 2]").keySet()));
        assertEquals("required: an array of 1 to 10000 items", violations("{}").get("items"));
    }

    private Map<String, String> violations(String json) {
        InvalidBatchException e = assertThrows(InvalidBatchException.class,
                () -> parser.parse(json, BatchOverrides.NONE));
        return e.violations().stream().collect(Collectors.toMap(Violation::field, Violation::message));
    }

    @Test
    void fallbackModeClientTokenAndMaxAttemptsAreReadAndChecked() {
        BatchDocument document = parser.parse("""
                {"provider": "openai", "fallback": ["openai", "blueprint"], "mode": "sync", "clientToken": "run-42",
                 "options": {"maxAttempts": 5},
                 "items": [{"id": "a", "kind": "dockerfile", "prompt": "p"},
                           {"id": "b", "kind": "dockerfile", "prompt": "p", "fallback": [],
                            "options": {"maxAttempts": 1}}]}""", BatchOverrides.NONE);
        assertEquals(RunMode.SYNC, document.mode());
        assertEquals("run-42", document.clientToken());
        assertEquals(List.of("blueprint"), document.items().get(0).settings().fallback(),
                "the primary provider is not its own fallback");
        assertEquals(5, document.items().get(0).settings().maxAttempts());
        assertEquals(List.of(), document.items().get(1).settings().fallback());
        assertEquals(1, document.items().get(1).settings().maxAttempts());

        Map<String, String> errors = violations("""
                {"fallback": ["skynet"], "mode": "now", "clientToken": "has spaces",
                 "items": [{"id": "a", "kind": "dockerfile", "prompt": "p", "fallback": "blueprint",
                            "options": {"maxAttempts": 11}}]}""");
        assertTrue(errors.get("fallback[0]").contains("distinct providers from blueprint, openai"), errors.toString());
        assertEquals("must be async or sync, got \"now\"", errors.get("mode"));
        assertTrue(errors.get("clientToken").startsWith("must be 1 to 128"), errors.toString());
        assertTrue(errors.containsKey("items[0].fallback"), errors.toString());
        assertEquals("must be a whole number from 1 to 10, got 11", errors.get("items[0].options.maxAttempts"));
    }
}
