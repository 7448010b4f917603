package dev.omniarchitect.local.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The command line's side of the engine's own routes, over loopback HTTP. Kept to the JDK's plain
 * HttpURLConnection and Jackson so a client starts in a fraction of the engine's time.
 */
public final class EngineClient {

    private static final Duration CONNECT = Duration.ofSeconds(5);

    private final EngineInfo engine;

    public EngineClient(EngineInfo engine) {
        this.engine = engine;
    }

    /** The engine this client talks to. */
    public EngineInfo engine() {
        return engine;
    }

    /** An answer of the engine: its status and JSON body. */
    public record Answer(int status, JsonNode body) {

        /** The engine's message, for a refusal. */
        public String message() {
            return body.path("message").asText("the engine answered " + status);
        }
    }

    /** The engine's status. */
    public Answer status(Duration timeout) throws IOException {
        return send("GET", "status", null, timeout);
    }

    /** Asks the engine to stop. */
    public Answer stop() throws IOException {
        return send("POST", "stop", null, Duration.ofSeconds(10));
    }

    /** Submits a run: 202 {@code {jobId, total}}, or 400 with {@code violations}. */
    public Answer run(JsonNode request) throws IOException {
        return send("POST", "runs", request, Duration.ofMinutes(2));
    }

    /** The job as it stands once it has changed after version {@code seen} (or after {@code wait}). */
    public Answer job(String jobId, long seen, Duration wait, Duration settle) throws IOException {
        return send("GET", "jobs/" + URLEncoder.encode(jobId, StandardCharsets.UTF_8) + "?seen=" + seen + "&waitMs="
                + wait.toMillis() + "&settleMs=" + settle.toMillis(), null, wait.plus(settle).plusMinutes(2));
    }

    /** The record of a job that has ended, its items from {@code from} on (a page of them, {@code page}). */
    public Answer jobPage(String jobId, int from) throws IOException {
        return send("GET", "jobs/" + URLEncoder.encode(jobId, StandardCharsets.UTF_8) + "?from=" + from, null,
                Duration.ofMinutes(2));
    }

    /** Invokes one function; the answer has {@code result} or {@code failure}, and {@code executions}. */
    public Answer invoke(JsonNode request) throws IOException {
        // The executions an invocation starts run before it answers: as long as their items' deadlines.
        return send("POST", "invoke", request, Duration.ofHours(2));
    }

    /** Whether each provider answers a one-token call, asked under its shared limit: {@code {answers: {name: text}}}. */
    public Answer checkProviders() throws IOException {
        return send("POST", "providers/check", null, Duration.ofMinutes(1));
    }

    private Answer send(String method, String route, JsonNode body, Duration timeout) throws IOException {
        URI uri = engine.uri().resolve(EngineRoutes.PREFIX + route);
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        try {
            connection.setRequestMethod(method);
            connection.setConnectTimeout((int) CONNECT.toMillis());
            connection.setReadTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            connection.setRequestProperty(EngineRoutes.CLIENT_HEADER, "1");
            if (engine.token() != null) {
                connection.setRequestProperty("Authorization", "Bearer " + engine.token());
            }
            if (body != null) {
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", "application/json");
                try (OutputStream out = connection.getOutputStream()) {
                    Json.mapper().writeValue(out, body);
                }
            }
            int status = connection.getResponseCode();
            // Read to the end and closed, the connection goes back to the JDK's keep-alive pool for the next poll.
            try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                JsonNode answer = in == null ? Json.mapper().createObjectNode() : Json.mapper().readTree(in);
                return new Answer(status, answer == null ? Json.mapper().createObjectNode() : answer);
            }
        } catch (IOException | RuntimeException e) {
            connection.disconnect();
            throw e;
        }
    }
}
