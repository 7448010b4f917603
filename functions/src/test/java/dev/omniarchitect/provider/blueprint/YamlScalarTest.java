package dev.omniarchitect.provider.blueprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class YamlScalarTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    @ParameterizedTest
    @ValueSource(strings = {"app", "no", "No", "yes", "on", "off", "y", "true", "False", "null", "~", "123", "1.20",
        "0x1F", "1e3", "-1", ".inf", "2024-01-01", "12:30", "", "a: b", "#x", "*x", "&x", "!x", "@x", "release/*",
        "- x", "say \"hi\"", "back\\slash", "{x}", "[x]", "ghcr.io/example/app:1.0.0", "/health", "100m", "x:"})
    void everyValueReadsBackAsTheSameString(String value) throws Exception {
        JsonNode read = YAML.readTree("key: " + YamlScalar.of(value) + "\n").get("key");

        assertTrue(read.isTextual(), value + " read back as " + read);
        assertEquals(value, read.asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"app", "ghcr.io/example/app:1.0.0", "/health", "app.kubernetes.io", "db-data"})
    void plainValuesStayUnquoted(String value) {
        assertEquals(value, YamlScalar.of(value));
    }
}
