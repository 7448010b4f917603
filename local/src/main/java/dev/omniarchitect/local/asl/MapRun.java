package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One run of an inline Map's iterations on its {@link Workers}: items taken in order, outputs kept in item
 * order, and the first failure stops the run.
 */
final class MapRun {
    /** One iteration, given the index of its item. */
    interface Iteration {
        JsonNode run(int index) throws StatesError, InterruptedException;
    }

    private final String threadNamePrefix;
    private final int workers;
    private final Iteration iteration;
    private final JsonNode[] outputs;
    private final AtomicInteger nextIndex = new AtomicInteger();

    MapRun(String threadNamePrefix, int workers, int itemCount, Iteration iteration) {
        this.threadNamePrefix = threadNamePrefix;
        this.workers = Math.min(workers, itemCount);
        this.iteration = iteration;
        this.outputs = new JsonNode[itemCount];
    }

    List<JsonNode> run() throws StatesError, InterruptedException {
        if (outputs.length == 0) {
            return List.of();
        }
        Workers.run(threadNamePrefix, workers, () -> {
            int index = nextIndex.getAndIncrement();
            if (index >= outputs.length) {
                return Workers.Next.DONE;
            }
            outputs[index] = iteration.run(index);
            return Workers.Next.MORE;
        });
        return Arrays.asList(outputs);
    }
}
