package dev.omniarchitect.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.omniarchitect.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback proxy in front of DynamoDB Local that asks for, and adds up, the capacity every data
 * request consumes, so the cost figures count what the code really does rather than what we think it
 * does. Bodies pass through unchanged apart from {@code ReturnConsumedCapacity}, so the SDK's response
 * checksums still hold.
 */
public final class CapacityMeter implements AutoCloseable {

    private static final Set<String> METERED = Set.of("GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query",
            "Scan", "BatchGetItem", "BatchWriteItem", "TransactGetItems", "TransactWriteItems");
    private static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem",
            "TransactWriteItems");
    /** Headers the JDK client sets itself and refuses to be given. */
    private static final Set<String> HOP_BY_HOP = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding", "accept-encoding");

    private final URI target;
    private final HttpServer server;
    private final ExecutorService threads;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper mapper = Json.mapper();
    private final Map<String, Tally> tallies = new TreeMap<>();

    private CapacityMeter(URI target) {
        this.target = target;
        this.threads = Executors.newFixedThreadPool(8, LoopbackHttpServer.daemonThreads("bench-capacity"));
        this.server = LoopbackHttpServer.start("the capacity meter", "/", this::forward, threads);
    }

    /** A meter forwarding to that DynamoDB endpoint. */
    public static CapacityMeter start(URI target) {
        return new CapacityMeter(target);
    }

    /** The endpoint to give the SDK instead of DynamoDB's. */
    public URI endpoint() {
        return URI.create(LoopbackHttpServer.origin(server));
    }

    /** What was consumed since the last reset, by operation. */
    public synchronized List<Tally> tallies() {
        return List.copyOf(tallies.values());
    }

    public synchronized void reset() {
        tallies.clear();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String amzTarget = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            String operation = amzTarget.substring(amzTarget.indexOf('.') + 1);
            if (METERED.contains(operation)) {
                ObjectNode request = (ObjectNode) mapper.readTree(body);
                request.put("ReturnConsumedCapacity", "TOTAL");
                body = mapper.writeValueAsBytes(request);
            }
            HttpRequest.Builder upstream = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> upstream.header(name, value));
                }
            });
            HttpResponse<byte[]> response = client.send(upstream.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (METERED.contains(operation) && response.statusCode() == 200) {
                record(operation, mapper.readTree(response.body()).path("ConsumedCapacity"));
            }
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void record(String operation, JsonNode consumed) {
        double units = 0;
        for (JsonNode entry : consumed.isArray() ? consumed : List.of(consumed)) {
            units += entry.path("CapacityUnits").asDouble(0);
        }
        tallies.merge(operation, new Tally(operation, WRITES.contains(operation), 1, units), Tally::plus);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    /**
     * One operation's total since the last reset.
     *
     * @param operation  e.g. GetItem
     * @param write      whether its units are write request units (else read request units)
     * @param requests   how many were made
     * @param units      request units consumed
     */
    public record Tally(String operation, boolean write, int requests, double units) {

        Tally plus(Tally other) {
            return new Tally(operation, write, requests + other.requests, units + other.units);
        }
    }
}
