package dev.omniarchitect.job.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omniarchitect.job.ItemError;
import dev.omniarchitect.job.ItemOutcome;
import dev.omniarchitect.job.ItemRunner;
import dev.omniarchitect.log.StructuredLog;
import dev.omniarchitect.provider.ErrorCode;
import dev.omniarchitect.provider.HttpFailures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/**
 * Runs a sync call's item by invoking ProviderCallFunction (its published alias) with the same event the
 * Map sends, plus the call's deadline. ProviderCallFunction's reserved concurrency is then the one cap on
 * provider calls: when it is full, Lambda throttles and the item is handed over to an execution instead.
 */
public final class LambdaItemRunner implements ItemRunner {

    private final LambdaAsyncClient lambda;
    private final String functionName;
    private final ObjectMapper mapper;
    private final StructuredLog log;
    private final Clock clock;

    public LambdaItemRunner(LambdaAsyncClient lambda, String functionName, ObjectMapper mapper, StructuredLog log,
                            Clock clock) {
        this.lambda = lambda;
        this.functionName = functionName;
        this.mapper = mapper;
        this.log = log;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<Optional<ItemOutcome>> run(String jobId, String itemId, Instant notAfter) {
        ObjectNode event = mapper.createObjectNode().put("jobId", jobId).put("itemId", itemId);
        if (notAfter != null) {
            event.put("notAfter", notAfter.toString());
        }
        long start = clock.millis();
        return lambda.invoke(request -> request.functionName(functionName)
                        .invocationType(InvocationType.REQUEST_RESPONSE)
                        .payload(SdkBytes.fromByteArray(bytes(event))))
                .handle((response, error) -> {
                    long durationMs = clock.millis() - start;
                    if (error == null) {
                        return Optional.of(outcome(jobId, itemId, response, durationMs));
                    }
                    Throwable cause = HttpFailures.unwrap(error);
                    boolean throttled = cause instanceof TooManyRequestsException
                            || cause instanceof LambdaException lambdaError && lambdaError.statusCode() == 429;
                    log.warn(throttled ? "sync.item_deferred" : "sync.item_not_invoked", Map.of("jobId", jobId,
                            "itemId", itemId, "reason", cause.getClass().getSimpleName()));
                    // Throttled, or Lambda could not be reached: the execution the item is handed to retries it.
                    return Optional.empty();
                });
    }

    private ItemOutcome outcome(String jobId, String itemId, InvokeResponse response, long durationMs) {
        if (response.functionError() != null) {
            log.warn("sync.item_function_error", Map.of("jobId", jobId, "itemId", itemId,
                    "functionError", response.functionError()));
            return ItemOutcome.unstored(itemId, durationMs, new ItemError(ErrorCode.ITEM_EXECUTION_FAILED,
                    "ProviderCallFunction failed before it could store a result"));
        }
        try {
            return mapper.readValue(response.payload().asByteArray(), ItemOutcome.class);
        } catch (IOException e) {
            return ItemOutcome.unstored(itemId, durationMs, new ItemError(ErrorCode.ITEM_EXECUTION_FAILED,
                    "ProviderCallFunction answered something that is not an item outcome"));
        }
    }

    private byte[] bytes(ObjectNode event) {
        try {
            return mapper.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
