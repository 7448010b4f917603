package dev.omniarchitect.local.bench;

/**
 * The baseline: a JVM that starts, gets to main() and exits, with the functions' JVM options.
 *
 * @param jvms        fresh JVMs measured
 * @param startMs     launch to main(), median
 * @param lifetimeMs  launch to the process's end, median
 * @param classes     classes loaded by that JVM
 */
public record BareJvmFigure(int jvms, double startMs, double lifetimeMs, int classes) {
}
