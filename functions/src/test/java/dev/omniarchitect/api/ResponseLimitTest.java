package dev.omniarchitect.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.omniarchitect.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The size a body takes in Lambda's response envelope, against what Jackson really writes. */
class ResponseLimitTest {

    @Test
    void escapedSizeIsWhatJacksonWrites() throws JsonProcessingException {
        for (String text : new String[] {"plain", "quote \" backslash \\ newline \n tab \t", "control \u0001",
                "accents é ü, euro €, emoji 🚀", "{\"files\": [{\"content\": \"FROM x\\nRUN y\"}]}"}) {
            int written = Json.mapper().writeValueAsString(text).getBytes(StandardCharsets.UTF_8).length - 2;
            assertEquals(written, ResponseLimit.escapedBytes(text), text);
        }
    }

    @Test
    void aTextBodyCountsEscapedAndABinaryOneAsBase64() {
        String newlines = "\n".repeat(3_100_000);
        assertTrue(newlines.length() < ResponseLimit.MAX_BODY_BYTES);
        assertFalse(ResponseLimit.fits(ApiResponse.json(200, newlines)), "escaped, it takes 6.2 MB");
        assertTrue(ResponseLimit.fits(ApiResponse.binary(200, "application/zip",
                new byte[ResponseLimit.MAX_BINARY_BYTES])));
        assertFalse(ResponseLimit.fits(ApiResponse.binary(200, "application/zip",
                new byte[ResponseLimit.MAX_BINARY_BYTES + 3])));
        assertTrue(ResponseLimit.MAX_BODY_BYTES + 4_096 < ResponseLimit.LAMBDA_RESPONSE_BYTES,
                "room for the status and headers");
        assertEquals(Map.of("Content-Type", "application/json"), ApiResponse.json(200, "{}").headers());
    }
}
