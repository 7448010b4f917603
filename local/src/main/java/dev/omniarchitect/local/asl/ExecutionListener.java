package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

/** Sees every state's input and output, from Map worker threads too: be thread-safe and never modify the nodes. */
public interface ExecutionListener {
    default void stateEntered(String stateName, JsonNode input) {
    }

    default void stateExited(String stateName, JsonNode output) {
    }
}
