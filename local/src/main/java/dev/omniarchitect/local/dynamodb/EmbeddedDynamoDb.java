package dev.omniarchitect.local.dynamodb;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local running inside this JVM on a free loopback port, so the functions reach it over real
 * HTTP through the same async SDK client they use in AWS. In memory for tests; on disk for the command line.
 */
public final class EmbeddedDynamoDb implements AutoCloseable {

    private final DynamoDBProxyServer server;
    private final URI endpoint;

    private EmbeddedDynamoDb(DynamoDBProxyServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    /** A fresh, empty database that disappears on close. */
    public static EmbeddedDynamoDb inMemory() {
        return start(List.of("-inMemory"));
    }

    /** A database kept in that folder between runs. */
    public static EmbeddedDynamoDb persistentIn(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        return start(List.of("-sharedDb", "-dbPath", directory.toAbsolutePath().toString()));
    }

    private static EmbeddedDynamoDb start(List<String> storage) {
        int port = freePort();
        List<String> args = new ArrayList<>(storage);
        args.addAll(List.of("-port", Integer.toString(port), "-disableTelemetry"));
        // DynamoDB Local prints its configuration banner on System.out, where `omni run --json` writes
        // the job record: the banner is swallowed while the server starts.
        PrintStream stdout = System.out;
        synchronized (EmbeddedDynamoDb.class) {
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            try {
                DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
                server.start();
                return new EmbeddedDynamoDb(server, URI.create("http://127.0.0.1:" + port));
            } catch (Exception e) {
                throw new IllegalStateException("DynamoDB Local did not start: " + e.getMessage(), e);
            } finally {
                System.setOut(stdout);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /** Where the SDK reaches it. */
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop cleanly", e);
        }
    }
}
