package dev.omniarchitect.local.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A probe JVM's {@code -Xlog:class+load} log, split into phases where the probe loaded its marker
 * classes ({@link ColdStartProbe.Phase}); the markers themselves are not counted.
 *
 * @param atInit           classes loaded up to the end of Init, JVM start included
 * @param byPriming        between the end of Init and the end of the SnapStart hooks
 * @param byFirstInvocation during the first invocation
 * @param total            every class the JVM loaded
 */
record ClassLoadLog(int atInit, int byPriming, int byFirstInvocation, int total) {

    private static final String LOADED = "[class,load]";

    /** The JVM option that writes the log to that file. */
    static String option(Path file) {
        return "-Xlog:class+load=info:file=" + file;
    }

    static ClassLoadLog read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the class-load log " + file, e);
        }
        int[] phases = new int[4];
        int phase = 0;
        int total = 0;
        for (String line : lines) {
            if (!line.contains(LOADED)) {
                continue;
            }
            if (line.contains(ColdStartProbe.Phase.class.getName() + "$")) {
                phase++;
                continue;
            }
            phases[Math.min(phase, 3)]++;
            total++;
        }
        return new ClassLoadLog(phases[0], phases[1], phases[2], total);
    }
}
