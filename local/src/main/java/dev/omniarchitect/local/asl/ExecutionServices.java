package dev.omniarchitect.local.asl;

import java.time.Clock;

/**
 * What a LocalExecutor lends each of its executions; the clock dates the context object's times, the object
 * store stands in for S3 (a Distributed Map's items and results).
 */
record ExecutionServices(LambdaInvoker lambdaInvoker, ExecutionListener listener, double retryDelayScale,
                         Clock clock, ObjectStore objectStore) {
}
