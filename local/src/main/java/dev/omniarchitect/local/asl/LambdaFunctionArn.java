package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/** A function ARN as Resource: the state's parameters are the payload, and the function's output is the result. */
record LambdaFunctionArn(String functionName) implements TaskResource {
    static final Pattern ARN =
            Pattern.compile("arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?");

    @Override
    public JsonNode call(JsonNode parameters, LambdaCall call) throws StatesError, InterruptedException {
        return call.invoke(functionName, parameters);
    }
}
