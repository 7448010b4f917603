package dev.omniarchitect.local.cli;

import java.io.PrintWriter;
import java.util.List;

/** Prints rows as aligned columns, the first row being the headings. */
final class TextTable {

    private final PrintWriter out;

    TextTable(PrintWriter out) {
        this.out = out;
    }

    /** Left-aligned columns. */
    void print(List<List<String>> rows) {
        print(rows, false);
    }

    /** Aligned columns; numbers read best with the last column right-aligned. */
    void print(List<List<String>> rows, boolean rightAlignLast) {
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                String cell = row.get(i);
                String padding = " ".repeat(widths[i] - cell.length());
                boolean last = i == columns - 1;
                line.append(last && rightAlignLast ? padding + cell : cell + padding + (last ? "" : "  "));
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
