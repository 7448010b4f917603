package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

/** Step Functions' 256 KiB quota on the UTF-8 JSON of every payload a state takes in or hands on. */
final class PayloadLimit {
    static final int MAX_BYTES = 262_144;

    private PayloadLimit() {
    }

    static void check(JsonNode payload, String stateName, String role) throws StatesError {
        int size = JsonText.utf8Size(payload);
        if (size > MAX_BYTES) {
            throw new StatesError(StatesError.DATA_LIMIT_EXCEEDED, String.format(
                    "The %s of state '%s' is %d bytes, more than the payload quota of %d bytes.",
                    role, stateName, size, MAX_BYTES));
        }
    }
}
