package dev.omniarchitect.local.bench;

/**
 * How long each function's invocations took in the bench's batches, gathered for the cost figures
 * (Lambda bills the invocation's duration).
 *
 * @param missCall      ProviderCallFunction on a cache miss: read, provider call, cache write, result
 * @param hitCall       ProviderCallFunction on a cache hit
 * @param aggregate     AggregateFunction, for batches of the cost's batch size
 * @param submit        ApiFunction's POST: storing the job and starting its execution, same batches
 * @param read          ApiFunction's GET: reading the finished job record, same batches
 */
record InvocationDurations(Samples missCall, Samples hitCall, Samples aggregate, Samples submit, Samples read) {

    static InvocationDurations empty() {
        return new InvocationDurations(new Samples(), new Samples(), new Samples(), new Samples(), new Samples());
    }
}
