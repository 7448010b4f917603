package dev.omniarchitect.job;

/** How one item ended. */
public enum ItemStatus {
    SUCCEEDED,
    FAILED
}
