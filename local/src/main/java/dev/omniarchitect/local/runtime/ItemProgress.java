package dev.omniarchitect.local.runtime;

/** Told each time ProviderCallFunction ends an item, for progress shown while a job runs. */
@FunctionalInterface
public interface ItemProgress {

    /** An item of that job ended; {@code failed} and {@code cached} as its outcome says. */
    void itemDone(String jobId, boolean failed, boolean cached);

    ItemProgress NONE = (jobId, failed, cached) -> { };
}
