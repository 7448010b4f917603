package dev.omniarchitect.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** This process's peak resident set size, from Linux's {@code /proc/self/status} (VmHWM). */
final class PeakMemory {

    private static final Path STATUS = Path.of("/proc/self/status");

    private PeakMemory() {
    }

    /** The peak RSS in kilobytes, or -1 where the kernel does not say (not Linux). */
    static long peakRssKb() {
        return peakRssKb(STATUS);
    }

    /** The same of another process of this user. */
    static long peakRssKb(long pid) {
        return peakRssKb(Path.of("/proc", Long.toString(pid), "status"));
    }

    private static long peakRssKb(Path status) {
        try {
            List<String> lines = Files.readAllLines(status);
            for (String line : lines) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or a format we do not know: reported as unknown
        }
        return -1;
    }
}
