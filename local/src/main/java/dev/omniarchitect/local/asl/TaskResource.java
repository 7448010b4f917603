package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

/** What a Task state's Resource calls: a Lambda function, in one of the two ways Step Functions offers. */
sealed interface TaskResource permits LambdaInvokeIntegration, LambdaFunctionArn {
    JsonNode call(JsonNode parameters, LambdaCall call) throws StatesError, InterruptedException;

    static TaskResource parse(FieldReader where) {
        String resource = where.string("Resource");
        if (LambdaInvokeIntegration.RESOURCE.matcher(resource).matches()) {
            return LambdaInvokeIntegration.parse(where);
        }
        if (LambdaFunctionArn.ARN.matcher(resource).matches()) {
            return new LambdaFunctionArn(LambdaCall.functionName(resource));
        }
        throw where.unsupportedValue("Resource", resource);
    }
}
