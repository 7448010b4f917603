package dev.omniarchitect.local.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.omniarchitect.handler.AggregateHandler;
import dev.omniarchitect.handler.ApiHandler;
import dev.omniarchitect.job.JobIds;
import dev.omniarchitect.job.JobSubmitter;
import dev.omniarchitect.runtime.FunctionPriming;
import dev.omniarchitect.runtime.FunctionServices;
import dev.omniarchitect.schedule.DocumentSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The SnapStart priming of every function, run against DynamoDB Local as the beforeCheckpoint hook runs
 * it: each step ends as intended, and priming leaves no trace: no record, no execution, no provider call.
 */
class PrimingTest extends PipelineTestBase {

    @Test
    void everyFunctionPrimesCompletelyAndWritesNothing() {
        FunctionServices services = pipeline.services();
        ApiHandler api = new ApiHandler(services, new JobSubmitter(services.jobs(),
                input -> CompletableFuture.failedFuture(new AssertionError("priming started an execution")),
                services.jobFiles(), new JobIds(clock), services.log(), clock),
                DocumentSource.unavailable("not while priming"));

        List.of(FunctionPriming.api(services, api), FunctionPriming.providerCall(services),
                FunctionPriming.aggregate(services, new AggregateHandler(services))).forEach(priming -> priming.prime());

        String logs = logText();
        assertFalse(logs.contains("priming.step_failed"), logs);
        assertEquals(3, logs.lines().filter(line -> line.contains("\"event\":\"priming.done\"")
                && line.contains("\"failed\":0")).count(), logs);
        for (String table : List.of(services.config().cacheTable(), services.config().jobsTable())) {
            assertEquals(0, services.aws().dynamoDb().scan(request -> request.tableName(table)).join().count(),
                    "priming wrote to " + table);
        }
        assertEquals(0, server.calls(), "priming called the provider");
    }
}
