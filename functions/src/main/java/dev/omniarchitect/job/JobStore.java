package dev.omniarchitect.job;

import dev.omniarchitect.batch.BatchDocument;
import dev.omniarchitect.batch.BatchItem;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Where jobs, their requests and their results are kept, one stored record per item. */
public interface JobStore {

    /** Stores the header (QUEUED, with its owner) and every item's request, so executions carry only ids. */
    CompletableFuture<Void> create(String jobId, BatchDocument document, Owner owner, Instant createdAt);

    /** The stored request of one item; fails with a {@link dev.omniarchitect.provider.ProviderException} if absent. */
    CompletableFuture<BatchItem> loadItem(String jobId, String itemId);

    /** Every item's stored request, in no particular order; empty if there is no such job. */
    CompletableFuture<List<BatchItem>> loadItems(String jobId);

    /** The stored requests of those items (a page of a large job), read by key, in no particular order. */
    CompletableFuture<List<BatchItem>> loadItems(String jobId, List<String> itemIds);

    /** Stores (or replaces) one item's result. */
    CompletableFuture<Void> saveResult(String jobId, ItemResult result);

    /**
     * Records that the item's provider call begins (the item started at {@code startedAt}), unless the item's
     * result is stored already: an ended item never looks as if it were calling again, whichever write lands
     * first. Its result replaces the record when the item ends.
     */
    CompletableFuture<Void> markCalling(String jobId, String itemId, Instant startedAt);

    /** The results stored so far, in no particular order. */
    CompletableFuture<List<ItemResult>> loadResults(String jobId);

    /** The results stored so far and the items calling their provider now, in one read. */
    CompletableFuture<ItemsSoFar> loadItemStates(String jobId);

    /**
     * What the store holds of those items only (a page of a large job): their results and which of them are
     * calling, read by key, so a page costs its own items whatever the job's size.
     */
    CompletableFuture<ItemsSoFar> loadItemStates(String jobId, List<String> itemIds);

    /** How many of the job's items ended or are calling, and when each ended, without reading any result. */
    CompletableFuture<ItemTally> tallyItems(String jobId);

    /** One item's stored result, if it has ended. */
    CompletableFuture<Optional<ItemResult>> loadResult(String jobId, String itemId);

    /** The header, if the job exists. */
    CompletableFuture<Optional<Job>> loadJob(String jobId);

    /**
     * Records the final status and summary; the header as it now stands. Fails with a
     * {@link dev.omniarchitect.provider.ProviderException} if there is no such job.
     */
    CompletableFuture<Job> finish(String jobId, JobStatus status, JobSummary summary, Instant finishedAt);

    /**
     * One page of that owner's jobs, newest first: at most {@code limit} headers, after the job {@code after}
     * (the last job id of the previous page; null for the first page).
     */
    CompletableFuture<JobPage> listJobs(Owner owner, int limit, String after);

    /**
     * Removes every record of a job whose execution could not be started, header first so the job is
     * gone for readers at once; nothing of it is left to look QUEUED forever.
     */
    CompletableFuture<Void> delete(String jobId);

    /**
     * The jobs not yet aggregated (stored QUEUED; RUNNING is derived when reading). A scan of the whole
     * table: for the local engine, which resumes them when it starts; never called deployed.
     */
    CompletableFuture<List<Job>> unfinished();

    /** Where one item's result is stored, as {@link ItemOutcome#contentRef()} names it. */
    String contentRef(String jobId, String itemId);
}
