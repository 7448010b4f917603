package dev.omniarchitect.local.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.api.ResponseLimit;
import dev.omniarchitect.json.Json;
import dev.omniarchitect.local.asl.LambdaFailure;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ApiFunction's scheduled-run entry and Lambda's response limit, as the local functions apply them. */
class ApiFunctionEventsTest extends PipelineTestBase {

    @Test
    void aScheduledRunBecomesAJobReadableThroughTheApi() throws Exception {
        JsonNode started = pipeline.functions().invoke(LocalFunctions.API, Json.mapper().readTree(
                "{\"scheduledRun\": {\"name\": \"nightly\", \"scheduledTime\": \"2026-11-27T03:00:00Z\", "
                        + "\"document\": {\"items\": [{\"id\": \"k8s\", \"kind\": \"prometheus-rules\", \"prompt\": \"p\"}]}}}"));
        String jobId = started.path("jobId").asText();
        assertEquals("/v1/generations/" + jobId, started.path("statusUrl").asText());
        pipeline.awaitExecutions();

        JsonNode response = pipeline.functions().invoke(LocalFunctions.API, Json.mapper().readTree(
                "{\"version\": \"2.0\", \"rawPath\": \"/v1/generations/" + jobId + "\", \"headers\": {}, "
                        + "\"requestContext\": {\"http\": {\"method\": \"GET\", \"path\": \"/v1/generations/" + jobId
                        + "\"}}, \"isBase64Encoded\": false}"));
        assertEquals(200, response.path("statusCode").asInt());
        assertEquals("SUCCEEDED", Json.mapper().readTree(response.path("body").asText()).path("status").asText());
    }

    @Test
    void badScheduledRunsFailTheInvocationNamingTheCause() {
        LambdaFailure invalid = assertThrows(LambdaFailure.class, () -> pipeline.functions().invoke(LocalFunctions.API,
                Json.mapper().readTree("{\"scheduledRun\": {\"document\": {\"items\": [{\"id\": \"a\", "
                        + "\"kind\": \"helm\", \"prompt\": \"p\"}]}}}")));
        assertEquals("dev.omniarchitect.handler.InvalidEventException", invalid.errorType());
        assertTrue(invalid.errorMessage().contains("items[0].kind"), invalid.errorMessage());

        LambdaFailure noS3 = assertThrows(LambdaFailure.class, () -> pipeline.functions().invoke(LocalFunctions.API,
                Json.mapper().readTree("{\"scheduledRun\": {\"documentS3Uri\": \"s3://acme-batches/nightly.json\"}}")));
        assertEquals("dev.omniarchitect.handler.RunNotStartedException", noS3.errorType());
        assertTrue(noS3.errorMessage().contains("inline"), noS3.errorMessage());
        assertEquals(0, server.calls());
    }

    @Test
    void aResponseOverSixMegabytesFailsTheInvocationAsInLambda() {
        RequestStreamHandler large = (input, output, context) -> {
            output.write('"');
            output.write("x".repeat(ResponseLimit.LAMBDA_RESPONSE_BYTES).getBytes());
            output.write('"');
        };
        LocalFunctions functions = new LocalFunctions(Map.of("Large", large), Json.mapper(),
                new PrintStream(OutputStream.nullOutputStream()), (name, event, result) -> { });
        LambdaFailure failure = assertThrows(LambdaFailure.class,
                () -> functions.invoke("Large", Json.mapper().createObjectNode()));
        assertEquals("Function.ResponseSizeTooLarge", failure.errorType());
    }
}
