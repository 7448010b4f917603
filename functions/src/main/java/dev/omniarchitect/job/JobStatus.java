package dev.omniarchitect.job;

/** Where a job is in its life. */
public enum JobStatus {
    /** Stored, not yet started. */
    QUEUED,
    /** Items are being generated. */
    RUNNING,
    /** Every item succeeded. */
    SUCCEEDED,
    /** Some items succeeded, some failed. */
    PARTIAL,
    /** No item succeeded. */
    FAILED;

    /** Whether the job has ended. */
    public boolean isFinal() {
        return this == SUCCEEDED || this == PARTIAL || this == FAILED;
    }
}
