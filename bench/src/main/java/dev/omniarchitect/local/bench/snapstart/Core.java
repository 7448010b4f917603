package dev.omniarchitect.local.bench.snapstart;

/**
 * A stand-in CRaC implementation for the cold-start probes. Started with
 * {@code -Dorg.crac.Core.Compat=dev.omniarchitect.local.bench.snapstart}, the {@code org.crac} library the
 * functions register their SnapStart hooks with hands them to this class, and the probe then runs them
 * as SnapStart would around its snapshot, without taking one.
 */
public final class Core {

    private static final Hooks GLOBAL = new Hooks();

    private Core() {
    }

    /** Where {@code org.crac.Core.getGlobalContext().register(...)} ends up. */
    public static Context<Resource> getGlobalContext() {
        return GLOBAL;
    }

    /** Runs every beforeCheckpoint hook, then every afterRestore hook, as a snapshot and restore would. */
    public static void checkpointRestore() throws CheckpointException, RestoreException {
        GLOBAL.beforeCheckpoint(null);
        GLOBAL.afterRestore(null);
    }

    /** How many hooks have been registered. */
    public static int registered() {
        return GLOBAL.size();
    }
}
