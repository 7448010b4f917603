package dev.omniarchitect.local.bench;

import java.util.List;

/**
 * What the code weighs.
 *
 * @param functionsJarBytes    the functions jar
 * @param dependencyJars       its runtime dependency jars; 0 when not known
 * @param deploymentBytes      the jar and its dependencies, the deployment package's content; -1 when not known
 * @param classpathAsDeployed  whether the probes ran on the deployment's class path
 * @param functions            each function's peak memory over a batch's worth of invocations
 * @param localBatchItems      items of the local batch
 * @param localBatchPeakRssMb  peak RSS of one JVM running that batch through the whole local pipeline
 * @param localBatchWallMs     how long that batch took there: a fresh JVM's first batch, every item a miss
 *                             answered at once
 * @param localBatchJvmOptions the JVM options it ran with
 */
public record FootprintFigure(long functionsJarBytes, int dependencyJars, long deploymentBytes,
                              boolean classpathAsDeployed, List<FunctionFootprint> functions, int localBatchItems,
                              double localBatchPeakRssMb, double localBatchWallMs, String localBatchJvmOptions) {

    public FootprintFigure {
        functions = List.copyOf(functions);
    }

    /**
     * One function instance's peak memory.
     *
     * @param function     its logical id
     * @param memoryMb     the MemorySize it ran as
     * @param invocations  invocations it served, one batch's worth of work
     * @param work         what they were
     * @param peakRssMb    peak RSS (VmHWM)
     */
    public record FunctionFootprint(String function, int memoryMb, int invocations, String work, double peakRssMb) {
    }
}
