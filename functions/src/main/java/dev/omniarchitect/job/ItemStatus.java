package dev.omniarchitect.job;

/** How one item ended. */
public enum ItemStatus {
    SUCCEEDED,
    /** The files are returned, but their validation found errors. */
    INVALID,
    FAILED
}
