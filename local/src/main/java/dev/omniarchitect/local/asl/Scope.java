package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

/** What paths and intrinsic functions read: `$` and `$$`, with the state's name for error causes. */
record Scope(String stateName, JsonNode input, JsonNode context) {
    Scope withInput(JsonNode newInput) {
        return new Scope(stateName, newInput, context);
    }
}
