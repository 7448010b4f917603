package dev.omniarchitect.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.omniarchitect.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Step Functions as ApiFunction sees it in a cold-start probe: StartExecution of the probes' state
 * machine is accepted (and counted), of any other StateMachineDoesNotExist, and every other action
 * answers ExecutionDoesNotExist, in the service's JSON 1.0 protocol.
 */
public final class LoopbackStepFunctions implements AutoCloseable {

    /** The state machine the probes' ApiFunction is configured with. */
    public static final String STATE_MACHINE_ARN = "arn:aws:states:us-east-1:000000000000:stateMachine:omni-bench";

    private final HttpServer server;
    private final ObjectMapper mapper = Json.mapper();
    private final AtomicInteger started = new AtomicInteger();

    private LoopbackStepFunctions() {
        server = LoopbackHttpServer.start("the Step Functions stub", "/", this::answer, null);
    }

    /** Starts the stub on a free loopback port. */
    public static LoopbackStepFunctions start() {
        return new LoopbackStepFunctions();
    }

    /** The value for AWS_ENDPOINT_URL_SFN. */
    public String endpoint() {
        return LoopbackHttpServer.origin(server);
    }

    /** Executions started so far. */
    public int started() {
        return started.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        JsonNode request;
        try (InputStream body = exchange.getRequestBody()) {
            request = mapper.readTree(body);
        }
        String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
        int status;
        Map<String, Object> reply;
        if (target.endsWith(".StartExecution") && request.path("stateMachineArn").asText().equals(STATE_MACHINE_ARN)) {
            started.incrementAndGet();
            status = 200;
            reply = Map.of("executionArn", STATE_MACHINE_ARN.replace(":stateMachine:", ":execution:") + ":"
                    + request.path("name").asText(), "startDate", System.currentTimeMillis() / 1000.0);
        } else {
            status = 400;
            reply = target.endsWith(".StartExecution")
                    ? Map.of("__type", "StateMachineDoesNotExist", "message", "no such state machine")
                    : Map.of("__type", "ExecutionDoesNotExist", "message", "no such execution");
        }
        byte[] bytes = mapper.writeValueAsBytes(reply);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
