package dev.omniarchitect.local.engine;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;
import sun.misc.Signal;

/**
 * The background engine process a client starts: {@code EngineMain DATA_DIR CONCURRENCY}. It runs until
 * {@code omni engine stop}, SIGTERM, or its idle timeout; Ctrl-C in the terminal of the client that
 * started it does not reach it.
 */
public final class EngineMain {

    /** How a failed start begins in the engine's log: the client quotes that line. */
    static final String FAILED = "omni engine: could not start: ";

    private EngineMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        // Started from an interactive shell it shares the client's process group: the user's Ctrl-C, and the
        // hang-up when that terminal closes, are meant for the client.
        Signal.handle(new Signal("INT"), sun.misc.SignalHandler.SIG_IGN);
        Signal.handle(new Signal("HUP"), sun.misc.SignalHandler.SIG_IGN);
        Map<String, String> environment = System.getenv();
        EngineSettings settings = new EngineSettings(new DataDirectory(Path.of(args[0])), environment,
                InetAddress.getLoopbackAddress(), 0,
                Integer.parseInt(args[1]), EngineSettings.idleTimeout(environment), EngineInfo.BACKGROUND);
        Engine engine;
        try {
            engine = Engine.start(settings);
        } catch (EngineException e) {
            System.err.println(FAILED + e.getMessage());
            System.exit(3);
            return;
        } catch (RuntimeException e) {
            // The details, library wording included, stay in this log; the client shows the line above them.
            e.printStackTrace();
            System.err.println(FAILED + (e instanceof IllegalArgumentException ? e.getMessage()
                    : "its store or pipeline did not start (the details are above in this log)"));
            System.exit(3);
            return;
        }
        Thread hook = new Thread(engine::close, "omni-engine-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        System.err.println("omni engine: pid " + engine.info().pid() + " serving " + settings.dataDirectory() + " on "
                + engine.uri() + ", build " + BuildId.current());
        engine.awaitStopRequest();
        engine.close();
        System.exit(0);
    }
}
