package dev.omniarchitect.job.stepfunctions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omniarchitect.job.ExecutionInput;
import dev.omniarchitect.job.ExecutionStarter;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.sfn.SfnAsyncClient;

/** Starts the deployed state machine, the execution named after the job so a job runs at most once. */
public final class StepFunctionsExecutionStarter implements ExecutionStarter {

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
                .thenApply(response -> null);
    }
}
