package dev.omniarchitect.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine the figures were measured on.
 *
 * @param cores     processors available to the JVM
 * @param memoryMb  physical memory; -1 where /proc/meminfo does not say
 * @param cpu       the processor's model name; "unknown" where /proc/cpuinfo does not say
 * @param os        operating system, version and architecture
 * @param jdk       the JDK vendor and version the bench and its probes ran on
 */
public record MachineInfo(int cores, long memoryMb, String cpu, String os, String jdk) {

    static MachineInfo current() {
        return new MachineInfo(
                Runtime.getRuntime().availableProcessors(),
                physicalMemoryMb(),
                procText("/proc/cpuinfo", "model name"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.name") + " "
                        + System.getProperty("java.runtime.version"));
    }

    /** The one-minute load average; -1 where /proc/loadavg does not say. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long physicalMemoryMb() {
        String kilobytes = procText("/proc/meminfo", "MemTotal:").replaceAll("[^0-9]", "");
        return kilobytes.isEmpty() ? -1 : Long.parseLong(kilobytes) / 1024;
    }

    private static String procText(String file, String key) {
        try {
            List<String> lines = Files.readAllLines(Path.of(file));
            for (String line : lines) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux: reported as unknown
        }
        return "unknown";
    }
}
