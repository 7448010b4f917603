package dev.omniarchitect.limit;

import dev.omniarchitect.provider.blueprint.BlueprintProvider;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The most calls each provider may have in flight across every job and every instance: the ceiling the
 * adaptive limit never rises above. {@code OMNI_LIMIT_<PROVIDER>} (e.g. {@code OMNI_LIMIT_OPENAI=10}) sets
 * one; a provider without a variable gets {@link #DEFAULT_CEILING}. The offline blueprint provider calls
 * nothing and is never limited.
 *
 * @param ceilings  the ceilings set by variables, by provider name
 */
public record ProviderCeilings(Map<String, Integer> ceilings) {

    /** The ceiling of a provider no variable names: a modest share of a typical account's request limits. */
    public static final int DEFAULT_CEILING = 10;
    /** No ceiling may be set above this. */
    public static final int MAX_CEILING = 1000;
    /** The variables' prefix; the provider's name follows in capitals. */
    public static final String VARIABLE_PREFIX = "OMNI_LIMIT_";

    public ProviderCeilings {
        ceilings = Map.copyOf(ceilings);
    }

    /** The ceilings the {@code OMNI_LIMIT_*} variables of that environment set; bad values are refused by name. */
    public static ProviderCeilings fromEnvironment(Map<String, String> env) {
        Map<String, Integer> set = new HashMap<>();
        ProviderVariables.wholeNumbers(env, VARIABLE_PREFIX, MAX_CEILING, "")
                .forEach((provider, ceiling) -> set.put(provider, ceiling.intValue()));
        return new ProviderCeilings(set);
    }

    /** The variable that sets a provider's ceiling. */
    public static String variableOf(String provider) {
        return VARIABLE_PREFIX + provider.toUpperCase(java.util.Locale.ROOT);
    }

    /** The provider's ceiling; empty for a provider that is never limited. */
    public OptionalInt of(String provider) {
        if (BlueprintProvider.NAME.equals(provider)) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(ceilings.getOrDefault(provider, DEFAULT_CEILING));
    }
}
