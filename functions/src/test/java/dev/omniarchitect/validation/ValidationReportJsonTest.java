package dev.omniarchitect.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omniarchitect.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The item's validation report names the real tools that ran, and reads back as it was written. */
class ValidationReportJsonTest {

    private static final ObjectMapper JSON = Json.mapper();

    @Test
    void theToolsThatRanAreInTheReportAndNoToolsMeansNoField() throws Exception {
        Finding finding = new Finding(Severity.WARNING, "shellcheck/SC2086", "shellcheck 0.9.0: Double quote",
                "Dockerfile", 4, "See shellcheck's documentation of SC2086.");
        ValidationReport withTools = ValidationReport.of(List.of(finding), List.of("shellcheck 0.9.0"));

        JsonNode written = JSON.valueToTree(withTools);
        assertEquals("shellcheck 0.9.0", written.path("tools").path(0).asText());
        assertEquals(withTools, JSON.treeToValue(written, ValidationReport.class));
        assertFalse(JSON.valueToTree(ValidationReport.of(List.of())).has("tools"));
        assertEquals(List.of(), JSON.readValue("{\"ok\":true,\"findings\":[]}", ValidationReport.class).tools(),
                "reports cached before tools existed read back with none");
    }
}
