package dev.omniarchitect.local.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.omniarchitect.local.bench.snapstart.Core;
import dev.omniarchitect.local.runtime.LocalContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The main of a fresh JVM the cold-start bench launches: it initialises one function's handler as
 * Lambda's Init phase does (its class loaded, its no-argument constructor run), optionally runs the
 * SnapStart hooks the handler registered (priming), then invokes it with the events given, timing each
 * step apart, and writes what it measured to a properties file.
 *
 * <p>Arguments: {@code LAUNCH_EPOCH_MICROS RESULT_FILE HANDLER_CLASS PRIMED EVENTS_FILE MEMORY_MB}; the
 * events file holds one line per invocation, {@code EXPECTED<TAB>EVENT_JSON}, and an output that does not contain
 * EXPECTED fails the probe. The probe itself loads nothing the handler would not (no JSON library of its
 * own), so the classes counted are the function's.
 */
public final class ColdStartProbe {

    private ColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        Properties result = BareJvmProbe.started(Long.parseLong(args[0]));
        probe(args[2], Boolean.parseBoolean(args[3]), Files.readAllLines(Path.of(args[4]), StandardCharsets.UTF_8),
                Integer.parseInt(args[5]), result);
        BareJvmProbe.finish(result, Path.of(args[1]));
    }

    private static void probe(String handlerClass, boolean primed, List<String> events, int memoryMb,
                              Properties result) throws Exception {
        long start = System.nanoTime();
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(handlerClass).getConstructor()
                .newInstance();
        result.setProperty("initMs", since(start));
        result.setProperty("hooks", Integer.toString(Core.registered()));
        // What Lambda's runtime has in hand before an invocation; prepared outside the timings.
        String function = handlerClass.substring(handlerClass.lastIndexOf('.') + 1);
        PrintStream lambdaLog = new PrintStream(OutputStream.nullOutputStream());
        List<LocalContext> contexts = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            contexts.add(new LocalContext(function, "probe-request-" + i, 900, memoryMb, lambdaLog));
        }
        new Phase.InitDone();
        if (primed) {
            start = System.nanoTime();
            Core.checkpointRestore();
            result.setProperty("primingMs", since(start));
        }
        new Phase.PrimingDone();
        for (int i = 0; i < events.size(); i++) {
            String[] line = events.get(i).split("\t", 2);
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            start = System.nanoTime();
            handler.handleRequest(new ByteArrayInputStream(line[1].getBytes(StandardCharsets.UTF_8)), output,
                    contexts.get(i));
            String took = since(start);
            if (i == 0) {
                result.setProperty("firstInvocationMs", took);
                new Phase.FirstInvocationDone();
            } else if (i == 1) {
                result.setProperty("secondInvocationMs", took);
            }
            String text = output.toString(StandardCharsets.UTF_8);
            if (!text.contains(line[0])) {
                throw new IllegalStateException("invocation " + i + " of " + function + " answered "
                        + text.substring(0, Math.min(400, text.length())) + ", expected it to contain " + line[0]);
            }
        }
        result.setProperty("invocations", Integer.toString(events.size()));
    }

    private static String since(long startNanos) {
        return Double.toString((System.nanoTime() - startNanos) / 1e6);
    }

    /**
     * Marker classes: loading one writes a line to the {@code class+load} log at that exact point, which
     * is how the bench splits the log into phases without the probe writing anything itself.
     */
    static final class Phase {

        private Phase() {
        }

        static final class InitDone {
        }

        static final class PrimingDone {
        }

        static final class FirstInvocationDone {
        }
    }
}
