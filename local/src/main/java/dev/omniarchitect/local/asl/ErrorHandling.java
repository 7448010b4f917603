package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A Task or Map state's Retry and Catch, wrapped around every attempt of the state. */
record ErrorHandling(List<Retrier> retriers, List<Catcher> catchers) {
    ErrorHandling {
        retriers = List.copyOf(retriers);
        catchers = List.copyOf(catchers);
    }

    /** One attempt of a state, from its raw input to its output. */
    interface Attempt {
        StateOutcome run(StateContext attempt) throws StatesError, InterruptedException;
    }

    static ErrorHandling parse(FieldReader where) {
        List<FieldReader> retryEntries = where.objects("Retry");
        List<Retrier> retriers = new ArrayList<>();
        for (int i = 0; i < retryEntries.size(); i++) {
            retriers.add(Retrier.parse(retryEntries.get(i), i == retryEntries.size() - 1));
        }
        List<FieldReader> catchEntries = where.objects("Catch");
        List<Catcher> catchers = new ArrayList<>();
        for (int i = 0; i < catchEntries.size(); i++) {
            catchers.add(Catcher.parse(catchEntries.get(i), i == catchEntries.size() - 1));
        }
        return new ErrorHandling(retriers, catchers);
    }

    StateOutcome run(JsonNode rawInput, StateContext state, Attempt attempt)
            throws StatesError, InterruptedException {
        // Each retrier counts its own retries; only the first retrier that matches an error is consulted.
        int[] retriesPerRetrier = new int[retriers.size()];
        int retryCount = 0;
        while (true) {
            try {
                return attempt.run(state.retry(retryCount));
            } catch (StatesError failure) {
                // An error caused by stopping this thread must stop the state, not be retried or caught.
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                int retrier = firstMatchingRetrier(failure.error());
                if (retrier >= 0 && retriesPerRetrier[retrier] < retriers.get(retrier).maxAttempts()) {
                    double scale = state.execution().services().retryDelayScale();
                    Duration delay = retriers.get(retrier).delay(retriesPerRetrier[retrier]++, scale);
                    TimeUnit.NANOSECONDS.sleep(delay.toNanos());
                    retryCount++;
                    continue;
                }
                Optional<Catcher> catcher =
                        catchers.stream().filter(c -> c.errors().matches(failure.error())).findFirst();
                if (catcher.isEmpty()) {
                    throw failure;
                }
                JsonNode output = catcher.get().resultPath().apply(rawInput, failure.errorOutput(), state.stateName());
                return new StateOutcome(output, Optional.of(catcher.get().next()));
            }
        }
    }

    private int firstMatchingRetrier(String error) {
        for (int i = 0; i < retriers.size(); i++) {
            if (retriers.get(i).errors().matches(error)) {
                return i;
            }
        }
        return -1;
    }
}
