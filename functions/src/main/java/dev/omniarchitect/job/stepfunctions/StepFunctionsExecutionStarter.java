package dev.omniarchitect.job.stepfunctions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omniarchitect.job.ExecutionInput;
import dev.omniarchitect.job.ExecutionRefusedException;
import dev.omniarchitect.job.ExecutionStarter;
import dev.omniarchitect.provider.HttpFailures;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sfn.SfnAsyncClient;
import software.amazon.awssdk.services.sfn.model.ExecutionLimitExceededException;

/**
 * Starts the deployed state machine, the execution named after the job so a job runs at most once.
 * A start the service refuses for now (its execution limit, throttling, a 5xx, no connection, after
 * the SDK's own retries) fails with {@link ExecutionRefusedException}, so the API answers 429 or 503.
 */
public final class StepFunctionsExecutionStarter implements ExecutionStarter {

    /** What callers are told to wait: Step Functions' throttling buckets refill every second. */
    static final int RETRY_AFTER_THROTTLED_SECONDS = 2;
    /** Open executions end as their jobs do, in minutes: the limit frees slowly. */
    static final int RETRY_AFTER_LIMIT_SECONDS = 30;
    static final int RETRY_AFTER_UNAVAILABLE_SECONDS = 10;

    private final SfnAsyncClient stepFunctions;
    private final String stateMachineArn;
    private final ObjectMapper mapper;

    public StepFunctionsExecutionStarter(SfnAsyncClient stepFunctions, String stateMachineArn, ObjectMapper mapper) {
        this.stepFunctions = stepFunctions;
        this.stateMachineArn = stateMachineArn;
        this.mapper = mapper;
    }

    @Override
    public CompletableFuture<Void> start(ExecutionInput input) {
        String json;
        try {
            json = mapper.writeValueAsString(input);
        } catch (JsonProcessingException e) {
            return CompletableFuture.failedFuture(e);
        }
        return stepFunctions.startExecution(request -> request.stateMachineArn(stateMachineArn)
                        .name(input.jobId())
                        .input(json))
                .handle((response, error) -> {
                    if (error == null) {
                        return null;
                    }
                    throw new CompletionException(refusalOrSelf(HttpFailures.unwrap(error)));
                });
    }

    /** The refusal a failed StartExecution amounts to, or the failure itself when retrying cannot help. */
    static Throwable refusalOrSelf(Throwable failure) {
        if (failure instanceof ExecutionLimitExceededException) {
            return new ExecutionRefusedException(ExecutionRefusedException.Reason.LIMIT, RETRY_AFTER_LIMIT_SECONDS,
                    "Step Functions is at its limit of open executions", failure);
        }
        if (failure instanceof AwsServiceException service && service.isThrottlingException()) {
            return new ExecutionRefusedException(ExecutionRefusedException.Reason.THROTTLED,
                    RETRY_AFTER_THROTTLED_SECONDS, "Step Functions throttled StartExecution", failure);
        }
        if (failure instanceof AwsServiceException service && service.statusCode() >= 500
                || failure instanceof SdkClientException) {
            return new ExecutionRefusedException(ExecutionRefusedException.Reason.UNAVAILABLE,
                    RETRY_AFTER_UNAVAILABLE_SECONDS, "Step Functions could not start the execution", failure);
        }
        return failure;
    }
}
