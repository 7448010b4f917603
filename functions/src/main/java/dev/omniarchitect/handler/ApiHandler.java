package dev.omniarchitect.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.api.ApiResponse;
import dev.omniarchitect.api.GenerationsApi;
import dev.omniarchitect.batch.InvalidBatchException;
import dev.omniarchitect.job.ItemRunner;
import dev.omniarchitect.job.JobIds;
import dev.omniarchitect.job.JobSubmitter;
import dev.omniarchitect.job.SyncRun;
import dev.omniarchitect.job.lambda.LambdaItemRunner;
import dev.omniarchitect.job.stepfunctions.StepFunctionsExecutionStarter;
import dev.omniarchitect.provider.HttpFailures;
import dev.omniarchitect.runtime.ApiServices;
import dev.omniarchitect.runtime.FunctionPriming;
import dev.omniarchitect.runtime.FunctionServices;
import dev.omniarchitect.runtime.Priming;
import dev.omniarchitect.schedule.DocumentSource;
import dev.omniarchitect.schedule.ScheduledRun;
import dev.omniarchitect.schedule.ScheduledRunner;
import dev.omniarchitect.schedule.s3.S3DocumentSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;

/**
 * ApiFunction: HTTP API (payload format 2.0) and REST API (payload format 1.0) events routed to
 * {@link GenerationsApi} and answered each in its own format, and scheduled-run events
 * ({@code {"scheduledRun": ...}}) from EventBridge Scheduler turned into jobs.
 */
public final class ApiHandler implements RequestStreamHandler {

    /** The variable naming ProviderCallFunction's alias, which sync items are run through. */
    public static final String PROVIDER_CALL_FUNCTION = "PROVIDER_CALL_FUNCTION";
    /** Longer than any sync budget: the item ends by the deadline it is sent, so this only bounds a lost answer. */
    private static final Duration SYNC_INVOKE_TIMEOUT = Duration.ofSeconds(SyncRun.BUDGET_SECONDS + 10);

    private final FunctionServices services;
    private final GenerationsApi api;
    private final ScheduledRunner scheduledRuns;
    /** Held here: org.crac keeps its hooks only weakly. */
    private final Priming priming;

    /**
     * Lambda's constructor: everything is built here, at init, for SnapStart to snapshot, and the
     * function's priming is registered to run before the snapshot.
     */
    public ApiHandler() {
        this(FunctionServices.fromEnvironment());
        priming.register();
    }

    /**
     * Starts executions on the deployed state machine, reads stored documents from S3, and runs sync items
     * through ProviderCallFunction ({@value #PROVIDER_CALL_FUNCTION}), under its reserved concurrency.
     */
    public ApiHandler(FunctionServices services) {
        this(services, new JobSubmitter(services.jobs(), new StepFunctionsExecutionStarter(
                        services.aws().stepFunctions(), services.config().stateMachineArn(), services.mapper()),
                        services.jobFiles(), new JobIds(services.clock()), services.log(), services.clock()),
                new S3DocumentSource(services.aws().s3()),
                syncItems(services, System.getenv(PROVIDER_CALL_FUNCTION)));
    }

    /** Runs sync items in this process: the local engine, and tests. */
    public ApiHandler(FunctionServices services, JobSubmitter submitter, DocumentSource documents) {
        this(services, submitter, documents, ItemRunner.inProcess(services.itemGenerator()));
    }

    public ApiHandler(FunctionServices services, JobSubmitter submitter, DocumentSource documents,
                      ItemRunner syncItems) {
        this.services = services;
        ApiServices api = new ApiServices(services, submitter, documents, syncItems);
        this.api = api.api();
        this.scheduledRuns = api.scheduledRuns();
        this.priming = FunctionPriming.api(services, this);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = services.mapper().readTree(input);
        if (HttpApiEvents.isHttpEvent(event)) {
            ApiResponse response = api.handle(HttpApiEvents.request(event)).join();
            services.mapper().writeValue(output, HttpApiEvents.response(response, services.mapper()));
        } else if (RestApiEvents.isRestEvent(event)) {
            ApiResponse response = api.handle(RestApiEvents.request(event)).join();
            services.mapper().writeValue(output, RestApiEvents.response(response, services.mapper()));
        } else if (ScheduledRun.isScheduledRun(event)) {
            ScheduledRunner.ScheduledJob job = startScheduledRun(event);
            services.mapper().writeValue(output, services.mapper().createObjectNode()
                    .put("jobId", job.jobId())
                    .put("status", job.status().name())
                    .put("statusUrl", "/v1/generations/" + job.jobId())
                    .put("repeated", job.repeated()));
        } else {
            throw new InvalidEventException("ApiFunction takes API Gateway events (HTTP API payload format 2.0, REST "
                    + "API payload format 1.0) and scheduled-run events {\"scheduledRun\": {\"name\", \"scheduledTime\", \"document\" or \"documentS3Uri\"}}");
        }
    }

    /**
     * ProviderCallFunction's alias when the template names it; in this process when it does not (a
     * {@code sam local invoke} without the stack), where there is no cap to keep.
     */
    private static ItemRunner syncItems(FunctionServices services, String providerCallFunction) {
        if (providerCallFunction == null || providerCallFunction.isBlank()) {
            return ItemRunner.inProcess(services.itemGenerator());
        }
        LambdaAsyncClient lambda = LambdaAsyncClient.builder()
                .httpClient(services.aws().httpClient())
                // The item ends by the sync budget it is given; a throttle is handed over, never retried here.
                .overrideConfiguration(override -> override.apiCallTimeout(SYNC_INVOKE_TIMEOUT)
                        .retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        return new LambdaItemRunner(lambda, providerCallFunction, services.mapper(), services.log(), services.clock());
    }

    private ScheduledRunner.ScheduledJob startScheduledRun(JsonNode event) {
        try {
            return scheduledRuns.run(ScheduledRun.from(event)).join();
        } catch (InvalidBatchException e) {
            throw new InvalidEventException("invalid scheduled run: " + e.getMessage());
        } catch (CompletionException e) {
            Throwable cause = HttpFailures.unwrap(e);
            if (cause instanceof InvalidBatchException invalid) {
                throw new InvalidEventException("invalid scheduled run: " + invalid.getMessage());
            }
            throw new RunNotStartedException("the scheduled run could not be started: " + cause.getMessage(), cause);
        }
    }
}
