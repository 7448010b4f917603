package dev.omniarchitect.job;

import java.util.concurrent.CompletableFuture;

/** Starts the state machine for a stored job: Step Functions when deployed, the local executor on one machine. */
public interface ExecutionStarter {

    /** Starts an execution named after the job. */
    CompletableFuture<Void> start(ExecutionInput input);
}
