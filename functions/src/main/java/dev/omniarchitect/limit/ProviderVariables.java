package dev.omniarchitect.limit;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/** Settings given per provider by variables named {@code <PREFIX><PROVIDER>}, e.g. {@code OMNI_LIMIT_OPENAI}. */
final class ProviderVariables {

    private ProviderVariables() {
    }

    /**
     * The whole numbers from 1 to {@code max} that environment's variables with the prefix set, by provider name
     * in lower case; a bad value is refused naming its variable and saying what it counts ({@code what}).
     */
    static Map<String, Long> wholeNumbers(Map<String, String> env, String prefix, long max, String what) {
        return read(env, prefix, (name, value) -> {
            try {
                long parsed = Long.parseLong(value.trim());
                if (parsed >= 1 && parsed <= max) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(name + " must be a whole number " + what + "from 1 to " + max
                    + ", got \"" + value + "\"");
        });
    }

    /** The values of that environment's variables with the prefix, by provider name in lower case. */
    private static <T> Map<String, T> read(Map<String, String> env, String prefix, BiFunction<String, String, T> parse) {
        Map<String, T> set = new HashMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith(prefix) && value != null && !value.isBlank()) {
                set.put(name.substring(prefix.length()).toLowerCase(Locale.ROOT), parse.apply(name, value));
            }
        });
        return set;
    }
}
