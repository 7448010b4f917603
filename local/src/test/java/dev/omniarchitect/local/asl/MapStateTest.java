package dev.omniarchitect.local.asl;

import static dev.omniarchitect.local.asl.TestJson.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MapStateTest {
    private static final String SQUARE_EACH_ITEM = """
            {
              "StartAt": "Fan",
              "States": {
                "Fan": {
                  "Type": "Map",
                  "ItemsPath": "$.items",
                  "MaxConcurrency": ${MaxConcurrency},
                  "ItemProcessor": {
                    "ProcessorConfig": {"Mode": "INLINE"},
                    "StartAt": "Square",
                    "States": {
                      "Square": {
                        "Type": "Task",
                        "Resource": "arn:aws:states:::lambda:invoke",
                        "Parameters": {"FunctionName": "${SquareFunction}", "Payload.$": "$"},
                        "ResultSelector": {"square.$": "$.Payload"},
                        "End": true
                      }
                    }
                  },
                  "End": true
                }
              }
            }
            """;

    /**
     * Counts calls in flight at once, and squares the item it is given. Each call waits (boundedly) until the
     * expected number of calls is in flight, so the peak is the Map's limit however slowly a loaded machine
     * starts its lanes, and a Map that runs fewer lanes than asked shows a lower peak.
     */
    private static final class InFlightCounter implements LambdaInvoker {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();
        private final int failingItem;
        private final CountDownLatch peakReached;
        private final int expectedPeak;

        InFlightCounter(int failingItem) {
            this(failingItem, 1);
        }

        InFlightCounter(int failingItem, int expectedPeak) {
            this.failingItem = failingItem;
            this.peakReached = new CountDownLatch(1);
            this.expectedPeak = expectedPeak;
        }

        @Override
        public JsonNode invoke(String functionName, JsonNode payload) throws LambdaFailure {
            calls.incrementAndGet();
            int now = inFlight.incrementAndGet();
            peak.accumulateAndGet(now, Math::max);
            if (now >= expectedPeak) {
                peakReached.countDown();
            }
            try {
                peakReached.await(10, TimeUnit.SECONDS);
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            if (payload.intValue() == failingItem) {
                throw new LambdaFailure("SquareError", "cannot square " + failingItem);
            }
            return JsonNodeFactory.instance.numberNode(payload.intValue() * payload.intValue());
        }
    }

    private static JsonNode items(int count) {
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < count; i++) {
            items.add(i);
        }
        return JsonNodeFactory.instance.objectNode().set("items", items);
    }

    private static ExecutionResult run(int maxConcurrency, int itemCount, InFlightCounter invoker, String name) {
        StateMachineDefinition definition = StateMachineDefinition.parse(SQUARE_EACH_ITEM,
                Map.of("MaxConcurrency", String.valueOf(maxConcurrency), "SquareFunction", "square"));
        return LocalExecutor.builder().lambdaInvoker(invoker).build().execute(definition, name, items(itemCount));
    }

    private static List<Thread> liveThreadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(prefix) && thread.isAlive())
                .toList();
    }

    @Test
    void maxConcurrencyThreeRunsExactlyThreeAtOnceAndKeepsItemOrder() {
        InFlightCounter invoker = new InFlightCounter(-1, 3);

        ExecutionResult result = run(3, 10, invoker, "three-at-once");

        assertEquals(ExecutionResult.Status.SUCCEEDED, result.status(), () -> result.error() + result.cause());
        assertEquals(3, invoker.peak.get());
        assertEquals(10, invoker.calls.get());
        assertEquals(json("""
                [{"square":0},{"square":1},{"square":4},{"square":9},{"square":16},
                 {"square":25},{"square":36},{"square":49},{"square":64},{"square":81}]
                """), result.output());
    }

    @Test
    void maxConcurrencyOneRunsOneAtATime() {
        InFlightCounter invoker = new InFlightCounter(-1);

        ExecutionResult result = run(1, 4, invoker, "one-at-a-time");

        assertEquals(ExecutionResult.Status.SUCCEEDED, result.status());
        assertEquals(1, invoker.peak.get());
        assertEquals(json("[{\"square\":0},{\"square\":1},{\"square\":4},{\"square\":9}]"), result.output());
    }

    @Test
    void unboundedConcurrencyIsCappedAtFortyLikeStepFunctionsInlineMap() {
        InFlightCounter invoker = new InFlightCounter(-1, MapState.MAX_INLINE_CONCURRENCY);

        ExecutionResult result = run(0, 60, invoker, "unbounded");

        assertEquals(ExecutionResult.Status.SUCCEEDED, result.status());
        assertEquals(MapState.MAX_INLINE_CONCURRENCY, invoker.peak.get());
        assertEquals(60, result.output().size());
        assertEquals(59 * 59, result.output().get(59).get("square").intValue());
    }

    @Test
    void failedIterationFailsTheMapWithItsErrorAndStartsNoFurtherIterations() {
        InFlightCounter invoker = new InFlightCounter(2);

        ExecutionResult result = run(1, 10, invoker, "stops-early");

        assertEquals(ExecutionResult.Status.FAILED, result.status());
        assertNull(result.output());
        assertEquals("SquareError", result.error());
        assertEquals("{\"errorMessage\":\"cannot square 2\",\"errorType\":\"SquareError\"}", result.cause());
        assertEquals(3, invoker.calls.get());
    }

    @Test
    void workerThreadsAreGoneWhenTheMapFinishes() throws InterruptedException {
        run(3, 6, new InFlightCounter(-1), "pool-shutdown");
        run(3, 6, new InFlightCounter(1), "pool-shutdown-failed");

        // A terminated pool's threads are past their last task but may take a moment to exit;
        // a leaked worker would still be waiting for work after the join.
        for (Thread thread : liveThreadsNamed("asl-map-pool-shutdown")) {
            thread.join(5_000);
        }
        assertEquals(List.of(), liveThreadsNamed("asl-map-pool-shutdown"));
    }

    @Test
    void emptyItemsGiveAnEmptyArrayWithoutCallingAnything() {
        InFlightCounter invoker = new InFlightCounter(-1);

        ExecutionResult result = run(3, 0, invoker, "empty");

        assertEquals(json("[]"), result.output());
        assertEquals(0, invoker.calls.get());
    }

    @Test
    void catchInsideAnIterationKeepsTheRestOfTheBatch() {
        String definition = """
                {
                  "StartAt": "Fan",
                  "States": {
                    "Fan": {
                      "Type": "Map",
                      "ItemsPath": "$.items",
                      "MaxConcurrency": 2,
                      "Iterator": {
                        "StartAt": "Square",
                        "States": {
                          "Square": {
                            "Type": "Task",
                            "Resource": "arn:aws:lambda:eu-west-1:123456789012:function:square",
                            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Recover", "ResultPath": "$.error"}],
                            "End": true
                          },
                          "Recover": {
                            "Type": "Pass",
                            "Parameters": {"failedItem.$": "$.item", "error.$": "$.error.Error"},
                            "End": true
                          }
                        }
                      },
                      "ItemSelector": {"item.$": "$$.Map.Item.Value"},
                      "End": true
                    }
                  }
                }
                """;
        LambdaInvoker invoker = (function, payload) -> {
            int item = payload.get("item").intValue();
            if (item == 1) {
                throw new LambdaFailure("SquareError", "cannot square 1");
            }
            return JsonNodeFactory.instance.numberNode(item * item);
        };

        ExecutionResult result = LocalExecutor.builder().lambdaInvoker(invoker).build()
                .execute(StateMachineDefinition.parse(definition, Map.of()), "catch-in-iteration",
                        json("{\"items\":[2,1,3]}"));

        assertEquals(ExecutionResult.Status.SUCCEEDED, result.status(), () -> result.error() + result.cause());
        assertEquals(json("[4,{\"failedItem\":1,\"error\":\"SquareError\"},9]"), result.output());
    }

    @Test
    void itemsPathThatIsNotAnArrayFailsWithStatesRuntime() {
        ExecutionResult result = LocalExecutor.builder().lambdaInvoker(new InFlightCounter(-1)).build()
                .execute(StateMachineDefinition.parse(SQUARE_EACH_ITEM,
                        Map.of("MaxConcurrency", "1", "SquareFunction", "square")),
                        "not-an-array", json("{\"items\":{\"a\":1}}"));

        assertEquals("States.Runtime", result.error());
        assertTrue(result.cause().contains("'Fan'") && result.cause().contains("$.items"), result.cause());
    }
}
