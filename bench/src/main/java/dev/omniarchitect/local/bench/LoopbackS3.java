package dev.omniarchitect.local.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * S3 as the functions see it in a cold-start probe: the job files bucket in memory, addressed path-style
 * ({@code /bucket/key}, as the SDK addresses a stand-in endpoint): PUT keeps an object, GET returns it or S3's
 * NoSuchKey error.
 */
public final class LoopbackS3 implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();

    private LoopbackS3() {
        server = LoopbackHttpServer.start("the S3 stub", "/", this::answer, null);
    }

    /** Starts the stub on a free loopback port. */
    public static LoopbackS3 start() {
        return new LoopbackS3();
    }

    /** The value for AWS_ENDPOINT_URL_S3. */
    public String endpoint() {
        return LoopbackHttpServer.origin(server);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] reply;
        int status;
        try (InputStream body = exchange.getRequestBody()) {
            byte[] content = body.readAllBytes();
            if (exchange.getRequestMethod().equals("PUT")) {
                objects.put(path, content);
                exchange.getResponseHeaders().set("ETag", "\"" + Integer.toHexString(path.hashCode()) + "\"");
                status = 200;
                reply = new byte[0];
            } else if (objects.containsKey(path)) {
                status = 200;
                reply = objects.get(path);
            } else {
                status = 404;
                reply = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchKey</Code><Message>The specified "
                        + "key does not exist.</Message></Error>").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/xml");
            }
        }
        exchange.sendResponseHeaders(status, reply.length == 0 ? -1 : reply.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
