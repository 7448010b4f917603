package dev.omniarchitect.local.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Cold starts: for each function, fresh JVMs that initialise its handler as Lambda's Init does, run its
 * SnapStart hooks or not, and invoke it twice against DynamoDB Local and the loopback provider. Each
 * figure's first JVM is a warm-up (the OS has the jars in its cache afterwards, as Lambda's hosts do)
 * that also logs the classes it loads; the next ones are timed without that log.
 */
record ColdStartBench(BenchSettings settings, TemplateSettings template, PrintWriter progress) {

    /** Invocations per timed probe: the first is the cold one, the second shows the same work warm. */
    private static final int INVOCATIONS = 2;

    /** The bare JVM's start on this machine, the floor under every function's cold start. */
    BareJvmFigure bareJvm(ProbeSetup setup) {
        ChildJvm jvm = new ChildJvm(setup.jvmOptions("ProviderCallFunction"), setup.classpath().classpath(), Map.of(),
                setup.directory());
        Path log = setup.directory().resolve("classes-bare.log");
        Samples start = new Samples();
        Samples lifetime = new Samples();
        for (Launch launch : launches(jvm, log)) {
            ChildJvm.Result result = launch.jvm().run(BareJvmProbe.class, List.of());
            if (launch.measured()) {
                start.add(result.number("jvmStartMs"));
                lifetime.add(result.lifetimeMs());
            }
        }
        progress.printf("  bare JVM: start %.0f ms, lifetime %.0f ms%n", start.median(), lifetime.median());
        return new BareJvmFigure(settings.jvms(), start.median(), lifetime.median(), ClassLoadLog.read(log).total());
    }

    /**
     * The JVMs of one figure. A full run starts with an unmeasured warm-up JVM that logs the classes it
     * loads (the log costs time); a quick run logs in its first measured JVM instead.
     */
    private List<Launch> launches(ChildJvm jvm, Path log) {
        ChildJvm logging = jvm.withOptions(List.of(ClassLoadLog.option(log)));
        List<Launch> launches = new ArrayList<>();
        if (!settings.quick()) {
            launches.add(new Launch(logging, false));
        }
        for (int i = 0; i < settings.jvms(); i++) {
            launches.add(new Launch(i == 0 && settings.quick() ? logging : jvm, true));
        }
        return launches;
    }

    private record Launch(ChildJvm jvm, boolean measured) {
    }

    /**
     * Every function, without and with priming. A quick run starts the figures' JVMs side by side: its
     * times are not for quoting anyway, and its classes and hooks are the same either way.
     */
    List<ColdStartFigure> functions(ProbeSetup setup) {
        List<Supplier<ColdStartFigure>> figures = new ArrayList<>();
        for (String function : TemplateSettings.FUNCTIONS) {
            for (boolean primed : new boolean[] {false, true}) {
                figures.add(function(setup, function, primed));
            }
        }
        if (!settings.quick()) {
            return figures.stream().map(Supplier::get).toList();
        }
        List<CompletableFuture<ColdStartFigure>> running = figures.stream()
                .map(figure -> CompletableFuture.supplyAsync(figure, runnable -> new Thread(runnable).start()))
                .toList();
        return running.stream().map(CompletableFuture::join).toList();
    }

    /** One figure: its probes' events are made now, its JVMs run when the figure is asked for. */
    private Supplier<ColdStartFigure> function(ProbeSetup setup, String function, boolean primed) {
        ChildJvm jvm = setup.functionJvm(function);
        int memoryMb = template.memorySizeMb(function);
        Path log = setup.directory().resolve("classes-" + function + (primed ? "-primed" : "") + ".log");
        List<Launch> launches = launches(jvm, log);
        List<List<String>> arguments = new ArrayList<>();
        launches.forEach(launch -> arguments.add(arguments(setup, function, primed, memoryMb)));
        return () -> {
            Samples jvmStart = new Samples();
            Samples init = new Samples();
            Samples priming = new Samples();
            Samples first = new Samples();
            Samples second = new Samples();
            Samples lifetime = new Samples();
            int hooks = 0;
            for (int i = 0; i < launches.size(); i++) {
                ChildJvm.Result result = launches.get(i).jvm().run(ColdStartProbe.class, arguments.get(i));
                if (!launches.get(i).measured()) {
                    continue;
                }
                jvmStart.add(result.number("jvmStartMs"));
                init.add(result.number("initMs"));
                priming.add(primed ? result.number("primingMs") : 0);
                first.add(result.number("firstInvocationMs"));
                second.add(result.number("secondInvocationMs"));
                lifetime.add(result.lifetimeMs());
                hooks = (int) result.number("hooks");
            }
            ClassLoadLog classes = ClassLoadLog.read(log);
            progress.printf("  cold start %s%s: init %.0f ms, priming %.0f ms, first invocation %.0f ms%n", function,
                    primed ? " primed" : "", init.median(), priming.median(), first.median());
            return new ColdStartFigure(function, primed, settings.jvms(), hooks, jvmStart.median(), init.median(),
                    priming.median(), first.median(), second.median(), lifetime.median(), classes.atInit(),
                    classes.byPriming(), classes.byFirstInvocation(), memoryMb);
        };
    }

    private static List<String> arguments(ProbeSetup setup, String function, boolean primed, int memoryMb) {
        return List.of(TemplateSettings.HANDLERS.get(function), Boolean.toString(primed),
                setup.events().forFunction(function, INVOCATIONS).toString(), Integer.toString(memoryMb));
    }
}
