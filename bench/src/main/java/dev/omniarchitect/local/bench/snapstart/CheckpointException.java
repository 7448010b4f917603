package dev.omniarchitect.local.bench.snapstart;

/** A beforeCheckpoint hook failed, so no snapshot would be taken; the failures are suppressed in it. */
public class CheckpointException extends Exception {

    public CheckpointException() {
        super("a beforeCheckpoint hook failed");
    }
}
