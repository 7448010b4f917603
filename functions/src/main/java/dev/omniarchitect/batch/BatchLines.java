package dev.omniarchitect.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A batch document written as JSON Lines: one item a line, and optionally a first line of document-level fields
 * (provider, model, fallback, options, mode, clientToken), told from an item by having neither id, kind nor
 * prompt. Blank lines are skipped. Read into the JSON document the parser checks, whose findings then name the
 * line an item is on ({@code line 7: kind ...}) instead of its place in the items array.
 */
public final class BatchLines {

    /** Fields that make a line an item; a first line with none of them holds the document's own fields. */
    private static final Set<String> ITEM_MARKERS = Set.of("id", "kind", "prompt");
    private static final Pattern ITEM_PATH = Pattern.compile("^items\\[(\\d+)](\\.)?(.*)$");

    private final ObjectNode document;
    private final List<Integer> itemLines;
    private final int headerLine;

    private BatchLines(ObjectNode document, List<Integer> itemLines, int headerLine) {
        this.document = document;
        this.itemLines = List.copyOf(itemLines);
        this.headerLine = headerLine;
    }

    /** Reads the lines; throws {@link InvalidBatchException} naming each line that is not a JSON object. */
    public static BatchLines read(String text, ObjectMapper mapper) {
        List<Violation> violations = new ArrayList<>();
        ObjectNode document = mapper.createObjectNode();
        ArrayNode items = mapper.createArrayNode();
        List<Integer> itemLines = new ArrayList<>();
        int headerLine = 0;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNumber = i + 1;
            String line = i == 0 && lines[i].startsWith("\uFEFF") ? lines[i].substring(1) : lines[i];
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = mapper.readTree(line);
            } catch (JsonProcessingException e) {
                violations.add(new Violation("line " + lineNumber, "not a JSON object: " + JsonSyntax.describe(e)));
                continue;
            }
            if (node == null || !node.isObject()) {
                violations.add(new Violation("line " + lineNumber, "each line must be one JSON object: an item, or "
                        + "first of all the document's own fields"));
                continue;
            }
            boolean first = itemLines.isEmpty() && headerLine == 0 && violations.isEmpty();
            if (first && ITEM_MARKERS.stream().noneMatch(node::has)) {
                if (node.has("items")) {
                    violations.add(new Violation("line " + lineNumber, "items are the lines after this one, not a "
                            + "field of the first line"));
                }
                document.setAll((ObjectNode) node);
                headerLine = lineNumber;
                continue;
            }
            items.add(node);
            itemLines.add(lineNumber);
        }
        if (!violations.isEmpty()) {
            throw new InvalidBatchException(violations);
        }
        document.set("items", items);
        return new BatchLines(document, itemLines, headerLine);
    }

    /** The document these lines make, as the parser reads a JSON one. */
    public ObjectNode document() {
        return document;
    }

    /** The parser's findings, each item's named by its line. */
    public List<Violation> onLines(List<Violation> violations) {
        List<Violation> named = new ArrayList<>();
        for (Violation violation : violations) {
            Matcher item = ITEM_PATH.matcher(violation.field());
            if (item.matches()) {
                int index = Integer.parseInt(item.group(1));
                String line = index < itemLines.size() ? "line " + itemLines.get(index) : violation.field();
                named.add(new Violation(item.group(3).isEmpty() ? line : line + ": " + item.group(3),
                        violation.message()));
            } else if (violation.field().equals("items")) {
                named.add(new Violation("lines", violation.message().replace("items", "item lines")));
            } else if (!violation.field().startsWith("--") && !violation.field().equals("$") && headerLine > 0) {
                named.add(new Violation("line " + headerLine + ": " + violation.field(), violation.message()));
            } else {
                named.add(violation);
            }
        }
        return named;
    }
}
