package dev.omniarchitect.local.runtime;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The Lambda context a local invocation gets: a fresh request id and the function's name and limits. */
public final class LocalContext implements Context {

    private final String functionName;
    private final String requestId;
    private final long deadline;
    private final int memoryMb;
    private final PrintStream logs;

    LocalContext(String functionName, int timeoutSeconds, int memoryMb, PrintStream logs) {
        this(functionName, UUID.randomUUID().toString(), timeoutSeconds, memoryMb, logs);
    }

    /** A context with the request id given (the bench's probes keep UUID generation out of what they time). */
    public LocalContext(String functionName, String requestId, int timeoutSeconds, int memoryMb, PrintStream logs) {
        this.functionName = functionName;
        this.requestId = requestId;
        this.deadline = System.currentTimeMillis() + timeoutSeconds * 1000L;
        this.memoryMb = memoryMb;
        this.logs = logs;
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "local";
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return LocalFunctions.arnOf(functionName);
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadline - System.currentTimeMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                logs.println(message);
            }

            @Override
            public void log(byte[] message) {
                logs.println(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
