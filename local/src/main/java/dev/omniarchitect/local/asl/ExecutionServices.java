package dev.omniarchitect.local.asl;

/** What a LocalExecutor lends each of its executions. */
record ExecutionServices(LambdaInvoker lambdaInvoker, ExecutionListener listener, double retryDelayScale) {
}
