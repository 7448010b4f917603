package dev.omniarchitect.runtime;

import dev.omniarchitect.batch.BatchLimits;
import dev.omniarchitect.limit.ProviderCeilings;
import dev.omniarchitect.limit.TokenBudgets;
import dev.omniarchitect.provider.BuiltInProviders;
import dev.omniarchitect.provider.blueprint.BlueprintProvider;
import java.time.Duration;
import java.util.Map;

/**
 * A function instance's settings, read once from its environment.
 *
 * @param defaultProvider   OMNI_DEFAULT_PROVIDER, else {@code blueprint}
 * @param cacheTable        CACHE_TABLE
 * @param jobsTable         JOBS_TABLE
 * @param jobRetention      JOB_TTL_DAYS (default 30): how long job records are kept
 * @param cacheTtlSeconds   CACHE_TTL_SECONDS (default 604800): cache TTL when a document sets none
 * @param stateMachineArn   STATE_MACHINE_ARN, for the function that starts executions
 * @param providerSettings  the variables the built-in providers read ({@link BuiltInProviders}), and no other
 * @param limitsTable       LIMITS_TABLE: the provider-wide leases and adaptive limits
 * @param ceilings          OMNI_LIMIT_&lt;PROVIDER&gt;: each provider's ceiling of calls in flight
 * @param tokenBudgets      OMNI_TOKENS_PER_MINUTE_&lt;PROVIDER&gt;: each provider's tokens per minute, where set
 * @param jobFilesBucket    JOB_FILES_BUCKET: the bucket of the items files and Map Run results
 */
public record FunctionConfig(
        String defaultProvider,
        String cacheTable,
        String jobsTable,
        Duration jobRetention,
        long cacheTtlSeconds,
        String stateMachineArn,
        Map<String, String> providerSettings,
        String limitsTable,
        ProviderCeilings ceilings,
        TokenBudgets tokenBudgets,
        String jobFilesBucket) {

    public FunctionConfig {
        providerSettings = Map.copyOf(providerSettings);
    }

    /** The settings in that environment (on AWS, with the provider secret's keys merged in). */
    public static FunctionConfig fromEnvironment(Map<String, String> env) {
        return new FunctionConfig(
                env.getOrDefault("OMNI_DEFAULT_PROVIDER", BlueprintProvider.NAME),
                env.getOrDefault("CACHE_TABLE", "omni-cache"),
                env.getOrDefault("JOBS_TABLE", "omni-jobs"),
                Duration.ofDays(positive(env, "JOB_TTL_DAYS", 30)),
                positive(env, "CACHE_TTL_SECONDS", BatchLimits.DEFAULT_CACHE_TTL_SECONDS),
                env.get("STATE_MACHINE_ARN"),
                BuiltInProviders.settingsIn(env),
                env.getOrDefault("LIMITS_TABLE", "omni-limits"),
                ProviderCeilings.fromEnvironment(env),
                TokenBudgets.fromEnvironment(env),
                env.getOrDefault("JOB_FILES_BUCKET", "omni-job-files"));
    }

    private static long positive(Map<String, String> env, String name, long fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a positive whole number, got \"" + value + "\"");
    }
}
