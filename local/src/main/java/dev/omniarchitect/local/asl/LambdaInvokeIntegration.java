package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The optimized integration {@code arn:aws:states:::lambda:invoke}: Parameters give FunctionName and
 * Payload, and the result wraps the function's output the way the real integration does.
 */
record LambdaInvokeIntegration() implements TaskResource {
    static final Pattern RESOURCE = Pattern.compile("arn:aws[a-z-]*:states:::lambda:invoke");
    private static final Set<String> PARAMETERS = Set.of("FunctionName", "FunctionName.$", "Payload", "Payload.$");

    static LambdaInvokeIntegration parse(FieldReader where) {
        JsonNode parameters = where.value("Parameters");
        if (parameters == null || !parameters.isObject()) {
            throw where.invalid("Parameters", "must be an object giving FunctionName and Payload to lambda:invoke");
        }
        parameters.fieldNames().forEachRemaining(name -> {
            if (!PARAMETERS.contains(name)) {
                throw where.unsupported("Parameters." + name);
            }
        });
        for (String required : new String[] {"FunctionName", "Payload"}) {
            if (!parameters.has(required) && !parameters.has(required + ".$")) {
                throw where.invalid("Parameters." + required, "is required by lambda:invoke");
            }
        }
        return new LambdaInvokeIntegration();
    }

    @Override
    public JsonNode call(JsonNode parameters, LambdaCall call) throws StatesError, InterruptedException {
        JsonNode functionName = parameters.get("FunctionName");
        if (!functionName.isTextual()) {
            throw StatesError.runtime(call.state().stateName(), "FunctionName must be a string, not " + functionName);
        }
        JsonNode output = call.invoke(functionName.textValue(), parameters.get("Payload"));
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("ExecutedVersion", "$LATEST");
        result.set("Payload", output);
        result.put("StatusCode", 200);
        return result;
    }
}
