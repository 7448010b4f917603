package dev.omniarchitect.local.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The part of a client's environment the engine runs with (provider keys and endpoints, tables, defaults):
 * a client whose settings differ from a background engine's replaces it rather than run with the wrong ones.
 */
public final class EngineEnvironment {

    private static final List<String> PREFIXES = List.of("OMNI_", "OPENAI_", "ANTHROPIC_", "OLLAMA_", "BEDROCK_",
            "AWS_", "CACHE_", "JOBS_", "JOB_", "PROVIDER_", "STATE_MACHINE_");
    /** Set, a client prints where its time went; the engine never reads it. */
    public static final String CLIENT_TIMINGS = "OMNI_TIMINGS";
    /** Variables that only a client reads: they do not change what the engine does. */
    private static final List<String> CLIENT_ONLY = List.of(DataDirectory.VARIABLE, "OMNI_JAVA_OPTS", CLIENT_TIMINGS);

    private EngineEnvironment() {
    }

    /** Whether the engine reads that variable. */
    public static boolean concernsEngine(String name) {
        return !CLIENT_ONLY.contains(name) && PREFIXES.stream().anyMatch(name::startsWith);
    }

    /** A digest of the variables the engine reads (never their values in clear). */
    public static String fingerprint(Map<String, String> environment) {
        Map<String, String> relevant = new TreeMap<>();
        environment.forEach((name, value) -> {
            if (concernsEngine(name)) {
                relevant.put(name, value);
            }
        });
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            relevant.forEach((name, value) -> digest.update((name + '\u0000' + value + '\u0000')
                    .getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(digest.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
