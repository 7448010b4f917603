package dev.omniarchitect.local.dynamodb;

import dev.omniarchitect.batch.BatchDocument;
import dev.omniarchitect.batch.BatchItem;
import dev.omniarchitect.job.ItemResult;
import dev.omniarchitect.job.ItemsSoFar;
import dev.omniarchitect.job.Job;
import dev.omniarchitect.job.JobPage;
import dev.omniarchitect.job.JobStatus;
import dev.omniarchitect.job.JobStore;
import dev.omniarchitect.job.JobSummary;
import dev.omniarchitect.job.Owner;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A real job store that counts the reads and writes made through it, by method name. */
final class CountingJobStore implements JobStore {

    private final JobStore store;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    CountingJobStore(JobStore store) {
        this.store = store;
    }

    /** How often that method was called. */
    int calls(String method) {
        AtomicInteger count = calls.get(method);
        return count == null ? 0 : count.get();
    }

    void reset() {
        calls.clear();
    }

    private void count(String method) {
        calls.computeIfAbsent(method, name -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public CompletableFuture<Void> create(String jobId, BatchDocument document, Owner owner, Instant createdAt) {
        count("create");
        return store.create(jobId, document, owner, createdAt);
    }

    @Override
    public CompletableFuture<BatchItem> loadItem(String jobId, String itemId) {
        count("loadItem");
        return store.loadItem(jobId, itemId);
    }

    @Override
    public CompletableFuture<List<BatchItem>> loadItems(String jobId) {
        count("loadItems");
        return store.loadItems(jobId);
    }

    @Override
    public CompletableFuture<Void> saveResult(String jobId, ItemResult result) {
        count("saveResult");
        return store.saveResult(jobId, result);
    }

    @Override
    public CompletableFuture<Void> markCalling(String jobId, String itemId, Instant startedAt) {
        count("markCalling");
        return store.markCalling(jobId, itemId, startedAt);
    }

    @Override
    public CompletableFuture<List<ItemResult>> loadResults(String jobId) {
        count("loadResults");
        return store.loadResults(jobId);
    }

    @Override
    public CompletableFuture<ItemsSoFar> loadItemStates(String jobId) {
        count("loadItemStates");
        return store.loadItemStates(jobId);
    }

    @Override
    public CompletableFuture<List<BatchItem>> loadItems(String jobId, List<String> itemIds) {
        count("loadItemsOf");
        return store.loadItems(jobId, itemIds);
    }

    @Override
    public CompletableFuture<ItemsSoFar> loadItemStates(String jobId, List<String> itemIds) {
        count("loadItemStatesOf");
        return store.loadItemStates(jobId, itemIds);
    }

    @Override
    public CompletableFuture<dev.omniarchitect.job.ItemTally> tallyItems(String jobId) {
        count("tallyItems");
        return store.tallyItems(jobId);
    }

    @Override
    public CompletableFuture<Optional<ItemResult>> loadResult(String jobId, String itemId) {
        count("loadResult");
        return store.loadResult(jobId, itemId);
    }

    @Override
    public CompletableFuture<Optional<Job>> loadJob(String jobId) {
        count("loadJob");
        return store.loadJob(jobId);
    }

    @Override
    public CompletableFuture<Job> finish(String jobId, JobStatus status, JobSummary summary, Instant finishedAt) {
        count("finish");
        return store.finish(jobId, status, summary, finishedAt);
    }

    @Override
    public CompletableFuture<Void> delete(String jobId) {
        count("delete");
        return store.delete(jobId);
    }

    @Override
    public CompletableFuture<List<Job>> unfinished() {
        count("unfinished");
        return store.unfinished();
    }

    @Override
    public String contentRef(String jobId, String itemId) {
        return store.contentRef(jobId, itemId);
    }

    @Override
    public CompletableFuture<JobPage> listJobs(Owner owner, int limit, String after) {
        count("listJobs");
        return store.listJobs(owner, limit, after);
    }
}
