package dev.omniarchitect.local.bench;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The JDK's HTTP server on a free loopback port, the way every stand-in server of the bench needs it. */
final class LoopbackHttpServer {

    static {
        // Without TCP_NODELAY the JDK server sends a response's headers and body in two segments, and
        // Nagle's algorithm holds the second until the client's delayed ACK: 40 ms on every call that
        // belong to the stand-in, not to the code measured. Read once, when the first server is made.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private LoopbackHttpServer() {
    }

    /**
     * A started server bound to a free loopback port, handling that path on those threads (null: the
     * server's own dispatcher thread).
     */
    static HttpServer start(String what, String path, HttpHandler handler, Executor threads) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
            server.createContext(path, handler);
            server.setExecutor(threads);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(what + " could not start", e);
        }
    }

    /** Where the server is reached, e.g. {@code http://127.0.0.1:41234}. */
    static String origin(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Daemon threads named {@code name-N}: a stand-in server must never keep the JVM alive. */
    static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
