package dev.omniarchitect.validation.document;

import java.util.regex.Pattern;

/** Finds lines in a text, for formats whose parser gives no locations. */
public final class TextLines {

    private TextLines() {
    }

    /** The 1-based number of the first line at or after {@code fromLine} that the pattern finds; null if none. */
    public static Integer first(String text, Pattern pattern, int fromLine) {
        String[] lines = text.split("\n", -1);
        for (int i = Math.max(0, fromLine - 1); i < lines.length; i++) {
            if (pattern.matcher(lines[i]).find()) {
                return i + 1;
            }
        }
        return null;
    }

    /** The 1-based number of the first line the pattern finds; null if none. */
    public static Integer first(String text, Pattern pattern) {
        return first(text, pattern, 1);
    }
}
