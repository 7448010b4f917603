package dev.omniarchitect.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.local.asl.ExecutionListener;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Times every state of the executions it listens to: a Task state's time is the Lambda invocation's,
 * handler and payload included, which is what Lambda bills. A state is entered and left on one thread
 * (Map iterations on their worker), so the start is kept per thread.
 */
final class TaskTimer implements ExecutionListener {

    private final ThreadLocal<Map<String, Long>> started = ThreadLocal.withInitial(HashMap::new);
    private final Map<String, Samples> durations = new ConcurrentHashMap<>();

    @Override
    public void stateEntered(String stateName, JsonNode input) {
        started.get().put(stateName, System.nanoTime());
    }

    @Override
    public void stateExited(String stateName, JsonNode output) {
        Long start = started.get().remove(stateName);
        if (start != null) {
            durations.computeIfAbsent(stateName, name -> new Samples()).addNanos(start, System.nanoTime());
        }
    }

    /** The durations of that state since the last {@link #reset()}; empty if it did not run. */
    Samples of(String stateName) {
        return durations.getOrDefault(stateName, new Samples());
    }

    void reset() {
        durations.clear();
    }
}
