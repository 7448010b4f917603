package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/** Runs state machine definitions in this JVM the way Step Functions would, calling Lambda handlers in-process. */
public final class LocalExecutor {
    private final ExecutionServices services;

    private LocalExecutor(ExecutionServices services) {
        this.services = services;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs one execution to its end on the calling thread, Map iterations on worker threads.
     *
     * @throws CancellationException if the calling thread is interrupted, whose interrupt status is kept
     */
    public ExecutionResult execute(StateMachineDefinition definition, String executionName, JsonNode input) {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(executionName, "executionName");
        Objects.requireNonNull(input, "input");
        Instant startTime = services.clock().instant().truncatedTo(ChronoUnit.MILLIS);
        // The caller keeps its input, and the output is the caller's to change: neither may alias the run's nodes.
        Execution execution = new Execution(definition.name(), executionName, startTime, input.deepCopy(), services);
        try {
            JsonNode output = definition.run(execution);
            return ExecutionResult.succeeded(output.deepCopy(), startTime, services.clock().instant());
        } catch (StatesError failure) {
            return ExecutionResult.failed(failure, startTime, services.clock().instant());
        } catch (StateMachineDefinition.ExecutionTimedOut e) {
            return ExecutionResult.timedOut(startTime, services.clock().instant());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("Execution " + executionName + " was interrupted");
        }
    }

    /** Configures a LocalExecutor; only the Lambda invoker is required. */
    public static final class Builder {
        private LambdaInvoker lambdaInvoker;
        private double retryDelayScale = 1.0;
        private Clock clock = Clock.systemUTC();
        private ExecutionListener listener = new ExecutionListener() {
        };
        private ObjectStore objectStore = ObjectStore.NONE;

        private Builder() {
        }

        public Builder lambdaInvoker(LambdaInvoker lambdaInvoker) {
            this.lambdaInvoker = Objects.requireNonNull(lambdaInvoker, "lambdaInvoker");
            return this;
        }

        /** Multiplies every Retry delay, so tests can retry without waiting real seconds. */
        public Builder retryDelayScale(double retryDelayScale) {
            if (!(retryDelayScale >= 0) || Double.isInfinite(retryDelayScale)) {
                throw new IllegalArgumentException("retryDelayScale must be a finite number >= 0: " + retryDelayScale);
            }
            this.retryDelayScale = retryDelayScale;
            return this;
        }

        /** The clock of the context object's times ($$.Execution.StartTime, $$.State.EnteredTime). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder listener(ExecutionListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Where a Distributed Map's ItemReader and ResultWriter find S3; without one they fail, saying so. */
        public Builder objectStore(ObjectStore objectStore) {
            this.objectStore = Objects.requireNonNull(objectStore, "objectStore");
            return this;
        }

        public LocalExecutor build() {
            if (lambdaInvoker == null) {
                throw new IllegalStateException("A LocalExecutor needs a lambdaInvoker");
            }
            return new LocalExecutor(new ExecutionServices(lambdaInvoker, listener, retryDelayScale, clock,
                    objectStore));
        }
    }
}
