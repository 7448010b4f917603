package dev.omniarchitect.handler;

/**
 * A scheduled run whose job could not be started (its document could not be read, the jobs table
 * was unavailable). Lambda retries the asynchronous delivery; the run's client token keeps it one job.
 */
public final class RunNotStartedException extends RuntimeException {

    public RunNotStartedException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
