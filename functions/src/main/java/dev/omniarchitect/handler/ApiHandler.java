package dev.omniarchitect.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omniarchitect.api.ApiResponse;
import dev.omniarchitect.api.GenerationsApi;
import dev.omniarchitect.job.JobIds;
import dev.omniarchitect.job.JobSubmitter;
import dev.omniarchitect.job.stepfunctions.StepFunctionsExecutionStarter;
import dev.omniarchitect.runtime.FunctionServices;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/** ApiFunction: HTTP API (payload format 2.0) events in, routed to {@link GenerationsApi}, responses out. */
public final class ApiHandler implements RequestStreamHandler {

    private final FunctionServices services;
    private final GenerationsApi api;

    /** Lambda's constructor: everything is built here, at init, for SnapStart to snapshot. */
    public ApiHandler() {
        this(FunctionServices.fromEnvironment());
    }

    public ApiHandler(FunctionServices services) {
        this(services, new JobSubmitter(services.jobs(), new StepFunctionsExecutionStarter(
                services.aws().stepFunctions(), services.config().stateMachineArn(), services.mapper()),
                new JobIds(services.clock()), services.log(), services.clock()));
    }

    public ApiHandler(FunctionServices services, JobSubmitter submitter) {
        this.services = services;
        this.api = new GenerationsApi(services.batchParser(), submitter, services.jobReader(), services.mapper(),
                services.log());
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = services.mapper().readTree(input);
        JsonNode http = event.path("requestContext").path("http");
        String body = event.path("body").isTextual() ? event.path("body").asText() : null;
        if (body != null && event.path("isBase64Encoded").asBoolean(false)) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        ApiResponse response = api.handle(http.path("method").asText(""), http.path("path").asText(""),
                header(event.path("headers"), "content-type"), body).join();
        ObjectNode result = services.mapper().createObjectNode().put("statusCode", response.statusCode());
        ObjectNode headers = result.putObject("headers");
        response.headers().forEach(headers::put);
        result.put("body", response.body()).put("isBase64Encoded", false);
        services.mapper().writeValue(output, result);
    }

    private static String header(JsonNode headers, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = headers.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().toLowerCase(Locale.ROOT).equals(name)) {
                return field.getValue().asText();
            }
        }
        return null;
    }
}
