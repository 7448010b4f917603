package dev.omniarchitect.local.bench;

import java.util.ArrayList;
import java.util.List;

/** A GitHub-flavoured Markdown table, numbers right-aligned. */
final class MarkdownTable {

    private final List<String> headings;
    private final List<Boolean> numeric;
    private final List<List<String>> rows = new ArrayList<>();

    /** Headings ending in {@code >} are right-aligned columns (the marker is not printed). */
    MarkdownTable(String... headings) {
        this.headings = new ArrayList<>();
        this.numeric = new ArrayList<>();
        for (String heading : headings) {
            boolean right = heading.endsWith(">");
            this.headings.add(right ? heading.substring(0, heading.length() - 1) : heading);
            this.numeric.add(right);
        }
    }

    MarkdownTable row(String... cells) {
        if (cells.length != headings.size()) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of " + headings.size());
        }
        rows.add(List.of(cells));
        return this;
    }

    void appendTo(StringBuilder out) {
        out.append("| ").append(String.join(" | ", headings)).append(" |\n|");
        numeric.forEach(right -> out.append(right ? "---:|" : "---|"));
        out.append('\n');
        for (List<String> row : rows) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        out.append('\n');
    }
}
