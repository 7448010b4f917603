package dev.omniarchitect.local.bench.snapstart;

/** A checkpoint hook, as {@code org.crac} hands it over: the {@code Resource} of a CRaC implementation. */
public interface Resource {

    /** Runs before the snapshot is taken. */
    void beforeCheckpoint(Context<? extends Resource> context) throws Exception;

    /** Runs after the snapshot is restored. */
    void afterRestore(Context<? extends Resource> context) throws Exception;
}
