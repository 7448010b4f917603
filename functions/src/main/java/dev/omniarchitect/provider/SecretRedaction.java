package dev.omniarchitect.provider;

import java.util.regex.Pattern;

/** Removes anything that looks like a key or token from text a provider sent back, before it is shown or logged. */
public final class SecretRedaction {

    private static final Pattern SECRET = Pattern.compile(
            "(?i)(sk-[a-z0-9_\\-*]{6,}|(?:api[_-]?key|token|secret|authorization|bearer)[\"'\\s:=]+[^\\s\"',}]{4,}|[a-z0-9_\\-]{32,})");
    private static final int MAX_LENGTH = 300;

    private SecretRedaction() {
    }

    /** The text with secrets replaced by {@code [redacted]}, cut to a readable length. */
    public static String redact(String text) {
        if (text == null) {
            return "";
        }
        String redacted = SECRET.matcher(text).replaceAll("[redacted]").replaceAll("\\s+", " ").trim();
        return redacted.length() > MAX_LENGTH ? redacted.substring(0, MAX_LENGTH) + "..." : redacted;
    }
}
