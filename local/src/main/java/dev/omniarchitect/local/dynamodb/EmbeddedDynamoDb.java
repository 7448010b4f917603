package dev.omniarchitect.local.dynamodb;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local running inside this JVM on a free loopback port, so the functions reach it over real
 * HTTP through the same async SDK client they use in AWS. In memory for tests; on disk for the command line.
 * It may start in the background ({@link #startingIn}) while its caller builds what does not need it yet.
 */
public final class EmbeddedDynamoDb implements AutoCloseable {

    /** The Log4j 2 property naming the logger implementation, and the one DynamoDB Local gets here. */
    static final String LOGGER_FACTORY = "log4j2.loggerContextFactory";
    static final String SIMPLE_LOGGER = "org.apache.logging.log4j.simple.SimpleLoggerContextFactory";
    private static final String SIMPLE_LOGGER_LEVEL = "org.apache.logging.log4j.simplelog.level";
    static final String JETTY_REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

    static {
        // DynamoDB Local logs through Log4j 2, whose full implementation parses the XML configuration in
        // DynamoDB Local's jar and registers JMX beans first: about 0.1 s of a cold engine's start. That
        // configuration drops everything its own packages log (each refused condition, which this project's
        // stores meet routinely, is a warning with a stack trace). The API's simple logger keeps its errors
        // only, on stderr (the engine's log), without either cost. A user's own choice is left alone.
        if (System.getProperty(LOGGER_FACTORY) == null) {
            System.setProperty(LOGGER_FACTORY, SIMPLE_LOGGER);
            System.setProperty(SIMPLE_LOGGER_LEVEL, System.getProperty(SIMPLE_LOGGER_LEVEL, "ERROR"));
        }
        // Without this padding hint for its queues, DynamoDB Local's Jetty asks JMX whether references are
        // compressed, which builds the platform MBean server and registers every platform bean: about 0.1 s
        // of a cold start. 16 is its own answer for compressed references, as every heap under 32 GB has.
        if (System.getProperty(JETTY_REFERENCES_PER_CACHE_LINE) == null) {
            System.setProperty(JETTY_REFERENCES_PER_CACHE_LINE, "16");
        }
    }

    private final CompletableFuture<DynamoDBProxyServer> server;
    private final URI endpoint;

    private EmbeddedDynamoDb(CompletableFuture<DynamoDBProxyServer> server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    /** A fresh, empty database that disappears on close. */
    public static EmbeddedDynamoDb inMemory() {
        return start(List.of("-inMemory"), false).ready();
    }

    /** A database kept in that folder between runs. */
    public static EmbeddedDynamoDb persistentIn(Path directory) {
        return startingIn(directory).ready();
    }

    /**
     * A database kept in that folder, starting on a thread of its own: its {@link #endpoint()} is known now,
     * and {@link #ready()} waits for it to answer.
     */
    public static EmbeddedDynamoDb startingIn(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        return start(List.of("-sharedDb", "-dbPath", directory.toAbsolutePath().toString()), true);
    }

    private static EmbeddedDynamoDb start(List<String> storage, boolean background) {
        int port = freePort();
        List<String> args = new ArrayList<>(storage);
        args.addAll(List.of("-port", Integer.toString(port), "-disableTelemetry"));
        CompletableFuture<DynamoDBProxyServer> server = new CompletableFuture<>();
        Runnable starting = () -> {
            try {
                server.complete(startServer(args));
            } catch (RuntimeException | Error e) {
                server.completeExceptionally(e);
            }
        };
        if (background) {
            Thread thread = new Thread(starting, "dynamodb-local-start");
            thread.setDaemon(true);
            thread.start();
        } else {
            starting.run();
        }
        return new EmbeddedDynamoDb(server, URI.create("http://127.0.0.1:" + port));
    }

    private static DynamoDBProxyServer startServer(List<String> args) {
        // DynamoDB Local prints its configuration banner on System.out, where `omni run --json` writes
        // the job record: the banner is swallowed while the server starts.
        PrintStream stdout = System.out;
        synchronized (EmbeddedDynamoDb.class) {
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            try {
                DynamoDBProxyServer started = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
                loopbackOnly(started);
                started.start();
                return started;
            } catch (Exception e) {
                throw new IllegalStateException("DynamoDB Local did not start: " + e.getMessage(), e);
            } finally {
                System.setOut(stdout);
            }
        }
    }

    /**
     * DynamoDB Local has no option for the address it listens on, and its Jetty listens on every interface: the
     * store (prompts, answers, jobs) would be open to the network. Its connectors are bound to loopback before
     * it starts.
     */
    private static void loopbackOnly(DynamoDBProxyServer proxy) throws ReflectiveOperationException {
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        Server jetty = (Server) field.get(proxy);
        Connector[] connectors = jetty.getConnectors();
        if (connectors.length == 0) {
            throw new IllegalStateException("DynamoDB Local has no connector to bind to loopback");
        }
        for (Connector connector : connectors) {
            ((ServerConnector) connector).setHost(InetAddress.getLoopbackAddress().getHostAddress());
        }
    }

    /** This database, once it answers; throws when it could not start. */
    public EmbeddedDynamoDb ready() {
        try {
            server.join();
            return this;
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
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
        DynamoDBProxyServer started;
        try {
            started = server.join();
        } catch (CompletionException notStarted) {
            return;
        }
        try {
            started.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop cleanly", e);
        }
    }
}
