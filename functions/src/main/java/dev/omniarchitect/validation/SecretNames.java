package dev.omniarchitect.validation;

import java.util.regex.Pattern;

/**
 * Recognises settings that hold secrets by their names ({@code DB_PASSWORD}, {@code apiKey},
 * {@code GITHUB_TOKEN}), and values written literally rather than referenced, so validators can flag
 * secrets baked into files. Names that point at a secret ({@code DB_PASSWORD_FILE}, {@code SECRET_ARN})
 * are not secrets themselves.
 */
public final class SecretNames {

    private static final Pattern SECRET = Pattern.compile(
            "(?i).*(password|passwd|secret|token|api[_-]?key|private[_-]?key|access[_-]?key|credentials?).*");
    private static final Pattern REFERENCE_SUFFIX = Pattern.compile(
            ".*(?:[_.-](?i:file|path|dir|name|arn|ref|url|uri|id|template)"
                    + "|[a-z](?:File|Path|Dir|Name|Arn|Ref|Url|Uri|Id|Template))");
    /** {@code $NAME} alone, or anything interpolating {@code ${...}} (shell, Compose, GitHub expressions). */
    private static final Pattern REFERENCE = Pattern.compile("\\$[A-Za-z_][A-Za-z0-9_]*|.*\\$\\{.*", Pattern.DOTALL);
    private static final Pattern NUMBER_OR_BOOLEAN = Pattern.compile("(?i)-?[0-9]+(\\.[0-9]+)?|true|false|yes|no");

    private SecretNames() {
    }

    /** Whether a setting of that name holds a secret. */
    public static boolean isSecretName(String name) {
        return SECRET.matcher(name).matches() && !REFERENCE_SUFFIX.matcher(name).matches();
    }

    /** Whether a value is a secret written out: not empty, not a variable reference, not a number or flag. */
    public static boolean isLiteral(String value) {
        String stripped = value.strip();
        return !stripped.isEmpty()
                && !REFERENCE.matcher(stripped).matches()
                && !NUMBER_OR_BOOLEAN.matcher(stripped).matches();
    }
}
