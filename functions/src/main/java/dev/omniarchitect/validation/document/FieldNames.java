package dev.omniarchitect.validation.document;

import java.util.Collection;
import java.util.Locale;

/** Suggests the known field a misspelt one was meant to be. */
public final class FieldNames {

    private static final int MAX_EDITS = 2;

    private FieldNames() {
    }

    /** {@code ; did you mean "containers"?} for the closest known name within two edits, else empty. */
    public static String suggestion(String name, Collection<?> known) {
        String best = null;
        int bestDistance = MAX_EDITS + 1;
        for (Object candidate : known) {
            int distance = distance(name.toLowerCase(Locale.ROOT), String.valueOf(candidate).toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = String.valueOf(candidate);
                bestDistance = distance;
            }
        }
        return best == null ? "" : "; did you mean \"" + best + "\"?";
    }

    /** The edit distance (insertions, deletions, substitutions, adjacent swaps) between two names. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
