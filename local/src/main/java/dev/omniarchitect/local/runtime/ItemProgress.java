package dev.omniarchitect.local.runtime;

/** Told each time ProviderCallFunction ends an item, for the command line's progress line. */
@FunctionalInterface
public interface ItemProgress {

    /** An item ended; {@code failed} and {@code cached} as its outcome says. */
    void itemDone(boolean failed, boolean cached);

    ItemProgress NONE = (failed, cached) -> { };
}
