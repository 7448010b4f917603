package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

/** Calls a Lambda function in this JVM with exactly the payload Lambda would receive. */
@FunctionalInterface
public interface LambdaInvoker {
    JsonNode invoke(String functionName, JsonNode payload) throws LambdaFailure;
}
