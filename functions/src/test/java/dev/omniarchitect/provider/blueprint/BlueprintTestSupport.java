package dev.omniarchitect.provider.blueprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.kind.AnswerParser;
import dev.omniarchitect.kind.Kind;
import dev.omniarchitect.kind.KindRegistry;
import dev.omniarchitect.provider.ErrorCode;
import dev.omniarchitect.provider.ProviderAnswer;
import dev.omniarchitect.provider.ProviderException;
import dev.omniarchitect.provider.ProviderRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Renders through the real provider and answer parser, and checks outputs as their formats' readers would. */
final class BlueprintTestSupport {

    static final KindRegistry KINDS = KindRegistry.builtIn();
    static final BlueprintProvider PROVIDER = BlueprintProvider.builtIn();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    private BlueprintTestSupport() {
    }

    static ProviderRequest request(String kind, String paramsJson) {
        try {
            JsonNode params = paramsJson == null ? null : JSON.readTree(paramsJson);
            return new ProviderRequest(KINDS.get(kind), BlueprintProvider.MODEL, "render it", params, 0.0, 4000,
                    Duration.ofSeconds(5));
        } catch (Exception e) {
            throw new IllegalArgumentException("bad test params " + paramsJson, e);
        }
    }

    static ProviderAnswer answer(String kind, String paramsJson) {
        return PROVIDER.generate(request(kind, paramsJson)).join();
    }

    /** The files as the answer parser reads them from the provider's Markdown, by path, in order. */
    static Map<String, String> render(String kind, String paramsJson) {
        Kind k = KINDS.get(kind);
        List<GeneratedFile> files = new AnswerParser().parse(k, answer(kind, paramsJson).text());
        Map<String, String> byPath = new LinkedHashMap<>();
        files.forEach(file -> byPath.put(file.path(), file.content()));
        assertEquals(files.size(), byPath.size(), "file names must be distinct");
        return byPath;
    }

    /** The failure of a render that must be refused, after checking it is INVALID_PARAMS naming the param. */
    static ProviderException rejected(String kind, String paramsJson, String param) {
        CompletionException thrown = assertThrows(CompletionException.class,
                () -> PROVIDER.generate(request(kind, paramsJson)).join(), "expected a refusal of " + paramsJson);
        ProviderException e = assertInstanceOf(ProviderException.class, thrown.getCause());
        assertEquals(ErrorCode.INVALID_PARAMS, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("params." + param), "message should name params." + param + ": "
                + e.getMessage());
        return e;
    }

    /** Every document of a YAML text; fails the test when any does not parse. */
    static List<JsonNode> yamlDocuments(String text) {
        try {
            List<JsonNode> documents = new ArrayList<>(YAML.readerFor(JsonNode.class).readValues(text).readAll()
                    .stream().map(JsonNode.class::cast).toList());
            documents.removeIf(JsonNode::isNull);
            assertFalse(documents.isEmpty(), "no YAML document in:\n" + text);
            return documents;
        } catch (Exception e) {
            return fail("not valid YAML: " + e.getMessage() + "\n" + text);
        }
    }

    /** The single YAML document of a text. */
    static JsonNode yaml(String text) {
        List<JsonNode> documents = yamlDocuments(text);
        assertEquals(1, documents.size(), "one document expected");
        return documents.get(0);
    }

    /** The field names of a YAML mapping, in order. */
    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The values of a YAML sequence as text. */
    static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    /** The HCL of a Terraform file as hcl4j reads it; fails the test when it does not parse. */
    static Map<String, Object> hcl(String text) {
        try {
            return new HCLParser().parse(text);
        } catch (Exception e) {
            return fail("not valid HCL: " + e + "\n" + text);
        }
    }

    /** A Dockerfile's instructions: continuation lines joined, comments and blank lines dropped. */
    static List<String[]> dockerInstructions(String dockerfile) {
        List<String[]> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : dockerfile.split("\n", -1)) {
            String trimmed = line.strip();
            if (current.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String[] parts = current.toString().split("\\s+", 2);
            instructions.add(new String[] {parts[0].toUpperCase(), parts.length > 1 ? parts[1] : ""});
            current.setLength(0);
        }
        assertTrue(current.isEmpty(), "dangling line continuation");
        return instructions;
    }

    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(password|passwd|secret|token|api_?key|private_?key|credential).*");
    private static final Pattern FROM = Pattern.compile("(?:--platform=\\S+\\s+)?(\\S+)(?:\\s+AS\\s+(\\S+))?",
            Pattern.CASE_INSENSITIVE);

    /** The practice rules a Dockerfile validator checks. */
    static void assertSoundDockerfile(String dockerfile, int port) {
        List<String[]> instructions = dockerInstructions(dockerfile);
        int first = 0;
        while (first < instructions.size() && instructions.get(first)[0].equals("ARG")) {
            first++;
        }
        assertEquals("FROM", instructions.get(first)[0], "the first instruction after ARGs must be FROM");

        List<String> stages = new ArrayList<>();
        int froms = 0;
        int lastFrom = -1;
        int lastUser = -1;
        String user = null;
        boolean healthcheck = false;
        boolean exposed = false;
        for (int i = 0; i < instructions.size(); i++) {
            String keyword = instructions.get(i)[0];
            String args = instructions.get(i)[1];
            switch (keyword) {
                case "FROM" -> {
                    froms++;
                    lastFrom = i;
                    Matcher from = FROM.matcher(args);
                    assertTrue(from.matches(), "FROM " + args);
                    String image = from.group(1);
                    if (!stages.contains(image)) {
                        assertPinned(image);
                    }
                    if (from.group(2) != null) {
                        stages.add(from.group(2));
                    }
                }
                case "ADD" -> fail("ADD found; use COPY: " + args);
                case "USER" -> {
                    user = args;
                    lastUser = i;
                }
                case "HEALTHCHECK" -> {
                    healthcheck = true;
                    assertTrue(args.contains("CMD"), "HEALTHCHECK without CMD: " + args);
                }
                case "EXPOSE" -> exposed |= args.equals(String.valueOf(port));
                case "ENV", "ARG" -> {
                    for (String assignment : args.split("\\s+")) {
                        String name = assignment.split("=", 2)[0];
                        assertFalse(SECRET_NAME.matcher(name).matches(), "secret-like " + keyword + " " + name);
                    }
                }
                case "RUN" -> assertCachesRemoved(args);
                default -> {
                }
            }
        }
        assertTrue(froms >= 2, "multi-stage build expected, got " + froms + " FROM");
        assertTrue(user != null && lastUser > lastFrom, "the final stage must set a USER");
        String userName = user.split(":")[0];
        assertFalse(userName.equals("root") || userName.equals("0"), "USER must not be root: " + user);
        assertTrue(healthcheck, "HEALTHCHECK missing");
        assertTrue(exposed, "EXPOSE " + port + " missing");
    }

    /** An image reference with a tag other than latest, or a digest. */
    static void assertPinned(String image) {
        assertFalse(image.contains("$"), "image must not come from a variable: " + image);
        if (image.contains("@sha256:")) {
            return;
        }
        String lastSegment = image.substring(image.lastIndexOf('/') + 1);
        assertTrue(lastSegment.contains(":"), "untagged image " + image);
        String tag = lastSegment.substring(lastSegment.indexOf(':') + 1);
        assertFalse(tag.isEmpty() || tag.equalsIgnoreCase("latest"), "unpinned image " + image);
    }

    private static void assertCachesRemoved(String run) {
        if (run.contains("apt-get install")) {
            assertTrue(run.contains("--no-install-recommends"), run);
            assertTrue(run.contains("rm -rf /var/lib/apt/lists/*"), "apt lists kept: " + run);
        }
        if (run.contains("apk add")) {
            assertTrue(run.contains("--no-cache"), "apk cache kept: " + run);
        }
        if (run.contains("pip install")) {
            assertTrue(run.contains("--no-cache-dir"), "pip cache kept: " + run);
        }
        if (run.contains("npm ci") || run.contains("npm install")) {
            assertTrue(run.contains("npm cache clean --force"), "npm cache kept: " + run);
        }
    }
}
