package dev.omniarchitect.local.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which variables make a client replace a running engine, and which do not. */
class EngineEnvironmentTest {

    private static final Map<String, String> BASE = Map.of("OPENAI_API_KEY", "sk-one", "OMNI_DEFAULT_PROVIDER",
            "openai", "PATH", "/usr/bin", "HOME", "/root");

    @Test
    void aProviderSettingChangesTheFingerprint() {
        assertNotEquals(EngineEnvironment.fingerprint(BASE), EngineEnvironment.fingerprint(with("OPENAI_API_KEY",
                "sk-two")));
        assertNotEquals(EngineEnvironment.fingerprint(BASE), EngineEnvironment.fingerprint(with("OMNI_LIMIT_OPENAI",
                "4")));
    }

    @Test
    void whatOnlyTheClientReadsDoesNotReplaceTheEngine() {
        String base = EngineEnvironment.fingerprint(BASE);
        assertEquals(base, EngineEnvironment.fingerprint(with(EngineEnvironment.CLIENT_TIMINGS, "1")));
        assertEquals(base, EngineEnvironment.fingerprint(with(DataDirectory.VARIABLE, "/tmp/elsewhere")));
        assertEquals(base, EngineEnvironment.fingerprint(with("OMNI_JAVA_OPTS", "-Xmx64m")));
        assertEquals(base, EngineEnvironment.fingerprint(with("TERM", "xterm")));
    }

    private static Map<String, String> with(String name, String value) {
        Map<String, String> environment = new HashMap<>(BASE);
        environment.put(name, value);
        return environment;
    }
}
