package dev.omniarchitect.limit;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/** Settings given per provider by variables named {@code <PREFIX><PROVIDER>}, e.g. {@code OMNI_LIMIT_OPENAI}. */
final class ProviderVariables {

    private ProviderVariables() {
    }

    /** The values of that environment's variables with the prefix, by provider name in lower case. */
    static <T> Map<String, T> read(Map<String, String> env, String prefix, BiFunction<String, String, T> parse) {
        Map<String, T> set = new HashMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith(prefix) && value != null && !value.isBlank()) {
                set.put(name.substring(prefix.length()).toLowerCase(Locale.ROOT), parse.apply(name, value));
            }
        });
        return set;
    }
}
