package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** A state's output and the state that takes it next; no next state ends the machine or iteration. */
record StateOutcome(JsonNode output, Optional<String> next) {
}
