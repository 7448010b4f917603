package dev.omniarchitect.local.bench.snapstart;

/** A set of hooks notified together; the {@code Context} of a CRaC implementation. */
public abstract class Context<R extends Resource> implements Resource {

    /** Adds a hook. */
    public abstract void register(R resource);
}
