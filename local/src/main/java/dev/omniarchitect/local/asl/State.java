package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

/** One state of a state machine or of a Map's processor, run on its raw input. */
interface State {
    StateOutcome execute(JsonNode input, StateContext state) throws StatesError, InterruptedException;
}
