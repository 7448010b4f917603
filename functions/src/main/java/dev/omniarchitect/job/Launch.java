package dev.omniarchitect.job;

/** How a submission with a client token went: a new job, a repeat of one, or a conflict. */
public sealed interface Launch<T> {

    /** The job concerned. */
    String jobId();

    /** A new job was started; {@code value} is what starting it gave. */
    record Started<T>(String jobId, T value) implements Launch<T> {
    }

    /** The same token came with the same body: the job it started before, {@code value} as the replay gave it. */
    record Replayed<T>(String jobId, T value) implements Launch<T> {
    }

    /** The token is bound to another body, or its first request is still being processed. */
    record Conflict<T>(String jobId, Reason reason) implements Launch<T> {
    }

    /** Why a token cannot be used now. */
    enum Reason {
        /** The token started a job with a different body. */
        OTHER_BODY,
        /** The first request with the token has not stored its job yet. */
        IN_PROGRESS
    }
}
