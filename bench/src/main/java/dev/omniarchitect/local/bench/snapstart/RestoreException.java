package dev.omniarchitect.local.bench.snapstart;

/** An afterRestore hook failed; the failures are suppressed in it. */
public class RestoreException extends Exception {

    public RestoreException() {
        super("an afterRestore hook failed");
    }
}
