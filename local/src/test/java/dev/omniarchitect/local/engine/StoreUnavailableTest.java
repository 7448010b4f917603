package dev.omniarchitect.local.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.omniarchitect.handler.ApiHandler;
import dev.omniarchitect.job.JobIds;
import dev.omniarchitect.job.JobSubmitter;
import dev.omniarchitect.json.Json;
import dev.omniarchitect.local.api.LocalApiServer;
import dev.omniarchitect.local.dynamodb.EmbeddedDynamoDb;
import dev.omniarchitect.local.dynamodb.LocalTables;
import dev.omniarchitect.local.runtime.LocalFunctions;
import dev.omniarchitect.runtime.AwsClients;
import dev.omniarchitect.runtime.FunctionConfig;
import dev.omniarchitect.runtime.FunctionServices;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A submission when the jobs table cannot take it or its client token (here DynamoDB Local has stopped:
 * connections are refused) is a 503 with Retry-After, never a 500, and no execution is started for it.
 */
class StoreUnavailableTest {

    @Test
    void aJobsTableThatCannotTakeTheJobIsA503WithRetryAfter() throws Exception {
        EmbeddedDynamoDb dynamoDb = EmbeddedDynamoDb.inMemory();
        FunctionConfig config = FunctionConfig.fromEnvironment(Map.of());
        List<String> started = new CopyOnWriteArrayList<>();
        try (AwsClients aws = AwsClients.forLocalDynamoDb(dynamoDb.endpoint())) {
            LocalTables.ensure(aws.dynamoDb(), config.cacheTable(), config.jobsTable());
            PrintStream logs = new PrintStream(new ByteArrayOutputStream());
            FunctionServices services = new FunctionServices(config, aws, logs, Clock.systemUTC());
            ApiHandler handler = new ApiHandler(services, new JobSubmitter(services.jobs(), input -> {
                started.add(input.jobId());
                return CompletableFuture.completedFuture(null);
            }, services.jobFiles(), new JobIds(Clock.systemUTC()), services.log(), Clock.systemUTC()),
                    location -> CompletableFuture.failedFuture(new IllegalStateException("none")));
            LocalFunctions functions = new LocalFunctions(Map.of(LocalFunctions.API, handler), services.mapper(), logs,
                    (function, event, result) -> { });
            try (LocalApiServer api = LocalApiServer.start(functions, services.mapper(), 0)) {
                dynamoDb.close();
                HttpResponse<String> answer = EngineApi.post(api.uri(), EngineApi.batch("store", 2, null));
                assertEquals(503, answer.statusCode(), answer.body());
                assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(""));
                assertEquals("5", answer.headers().firstValue("Retry-After").orElse(""), answer.headers().map().toString());
                assertEquals(503, Json.mapper().readTree(answer.body()).path("status").asInt());
                assertFalse(answer.body().contains("Exception"), answer.body());
                HttpResponse<String> withToken = EngineApi.post(api.uri(), EngineApi.batch("store", 2, "store-token"));
                assertEquals(503, withToken.statusCode(), "a token that cannot be claimed: " + withToken.body());
                assertEquals("5", withToken.headers().firstValue("Retry-After").orElse(""));
                assertEquals(List.of(), started, "no execution for a job that could not be stored");
            }
        } finally {
            dynamoDb.close();
        }
    }
}
