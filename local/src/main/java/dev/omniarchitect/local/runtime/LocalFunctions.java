package dev.omniarchitect.local.runtime;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omniarchitect.api.ResponseLimit;
import dev.omniarchitect.local.asl.LambdaFailure;
import dev.omniarchitect.local.asl.LambdaInvoker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;

/**
 * The functions of template.yaml, run in-process: each invocation gets the same JSON bytes Lambda would
 * pass, and a thrown exception becomes a function error with Lambda's errorType (the class name).
 */
public final class LocalFunctions implements LambdaInvoker {

    public static final String API = "ApiFunction";
    public static final String PROVIDER_CALL = "ProviderCallFunction";
    public static final String AGGREGATE = "AggregateFunction";
    public static final String RECONCILE = "ReconcileFunction";
    /** Every function of template.yaml, by logical id. */
    public static final java.util.List<String> NAMES = java.util.List.of(API, PROVIDER_CALL, AGGREGATE, RECONCILE);

    private static final int TIMEOUT_SECONDS = 900;
    private static final int MEMORY_MB = 1024;

    private final Map<String, RequestStreamHandler> handlers;
    private final ObjectMapper mapper;
    private final PrintStream logs;
    private final InvocationListener onResult;

    /**
     * @param handlers  function logical id to handler
     * @param onResult  told of every successful invocation, its event and output (progress reporting)
     */
    public LocalFunctions(Map<String, RequestStreamHandler> handlers, ObjectMapper mapper, PrintStream logs,
                          InvocationListener onResult) {
        this.handlers = Map.copyOf(handlers);
        this.mapper = mapper;
        this.logs = logs;
        this.onResult = onResult;
    }

    /** The ARN the definition's substitutions give a local function. */
    public static String arnOf(String functionName) {
        return "arn:aws:lambda:local:000000000000:function:" + functionName;
    }

    @Override
    public JsonNode invoke(String functionName, JsonNode payload) throws LambdaFailure {
        RequestStreamHandler handler = handlers.get(functionName);
        if (handler == null) {
            throw new LambdaFailure("ResourceNotFoundException", "Function not found: " + functionName);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(mapper.writeValueAsBytes(payload)), output,
                    new LocalContext(functionName, TIMEOUT_SECONDS, MEMORY_MB, logs));
            if (output.size() > ResponseLimit.LAMBDA_RESPONSE_BYTES) {
                // What Lambda does with a response it cannot return: the invocation fails.
                throw new LambdaFailure("Function.ResponseSizeTooLarge", "Response payload size exceeded maximum "
                        + "allowed payload size (" + ResponseLimit.LAMBDA_RESPONSE_BYTES + " bytes).");
            }
            JsonNode result = mapper.readTree(output.toByteArray());
            onResult.invoked(functionName, payload, result);
            return result;
        } catch (IOException | RuntimeException e) {
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                    ? e.getCause() : e;
            throw new LambdaFailure(cause.getClass().getName(), String.valueOf(cause.getMessage()));
        }
    }

    /** Told of each invocation that returned: which function, with what event, and what it answered. */
    @FunctionalInterface
    public interface InvocationListener {
        void invoked(String function, JsonNode event, JsonNode result);
    }
}
