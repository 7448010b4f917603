package dev.omniarchitect.provider.blueprint;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes one string as a YAML scalar that every YAML 1.1 and 1.2 reader takes as that same string:
 * plain when it is unambiguous, double-quoted otherwise (a name such as {@code 8080}, {@code no} or
 * {@code 1.20} would else be read as a number or a boolean).
 */
public final class YamlScalar {

    private static final Pattern PLAIN_SAFE = Pattern.compile("[A-Za-z_/][A-Za-z0-9_./@+-]*(?::[A-Za-z0-9_./@+-]+)*");
    private static final Set<String> RESERVED =
            Set.of("y", "n", "yes", "no", "on", "off", "true", "false", "null");

    private YamlScalar() {
    }

    /** The value as a YAML scalar, quoted only when needed. */
    public static String of(String value) {
        if (PLAIN_SAFE.matcher(value).matches() && !RESERVED.contains(value.toLowerCase(Locale.ROOT))) {
            return value;
        }
        return quoted(value);
    }

    /** The value as a double-quoted YAML scalar. */
    public static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
