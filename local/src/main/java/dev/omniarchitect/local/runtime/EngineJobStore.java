package dev.omniarchitect.local.runtime;

import dev.omniarchitect.batch.BatchDocument;
import dev.omniarchitect.batch.BatchItem;
import dev.omniarchitect.job.ItemRequests;
import dev.omniarchitect.job.ItemResult;
import dev.omniarchitect.job.ItemTally;
import dev.omniarchitect.job.ItemsSoFar;
import dev.omniarchitect.job.Job;
import dev.omniarchitect.job.JobPage;
import dev.omniarchitect.job.JobStatus;
import dev.omniarchitect.job.JobStore;
import dev.omniarchitect.job.JobSummary;
import dev.omniarchitect.job.Owner;
import dev.omniarchitect.provider.ErrorCode;
import dev.omniarchitect.provider.ProviderException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The job store of an engine, which both stores jobs and runs their items: the requests of the jobs it stored
 * last are also kept in its memory, so its items' first reads need no query. Deployed, ApiFunction stores a
 * job and other instances read it back; an engine would query what it has just written (on a fresh engine
 * the first item's query, on cold code, takes longer than a provider's answer to begin). Requests never
 * change once stored, so nothing kept can be stale; a job stored by an earlier engine is read from the store.
 * Bounded as {@link ItemRequests} is: its {@link ItemRequests#MAX_JOBS} most recent jobs, none larger than
 * {@link ItemRequests#MAX_JOB_CHARS}.
 */
public final class EngineJobStore implements JobStore {

    private final JobStore store;
    private final long maxJobChars;
    private final Map<String, List<BatchItem>> recent;

    public EngineJobStore(JobStore store) {
        this(store, ItemRequests.MAX_JOBS, ItemRequests.MAX_JOB_CHARS);
    }

    /** With other bounds than the defaults. */
    public EngineJobStore(JobStore store, int maxJobs, long maxJobChars) {
        this.store = store;
        this.maxJobChars = maxJobChars;
        this.recent = new LinkedHashMap<>(maxJobs * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, List<BatchItem>> eldest) {
                return size() > maxJobs;
            }
        };
    }

    @Override
    public CompletableFuture<Void> create(String jobId, BatchDocument document, Owner owner, Instant createdAt) {
        // Kept once stored: a job whose records could not be written has no items to run.
        return store.create(jobId, document, owner, createdAt).thenRun(() -> {
            if (ItemRequests.charsOf(document.items()) <= maxJobChars) {
                synchronized (recent) {
                    recent.put(jobId, document.items());
                }
            }
        });
    }

    @Override
    public CompletableFuture<BatchItem> loadItem(String jobId, String itemId) {
        List<BatchItem> items = kept(jobId);
        if (items != null) {
            for (BatchItem item : items) {
                if (item.id().equals(itemId)) {
                    return CompletableFuture.completedFuture(item);
                }
            }
            return CompletableFuture.failedFuture(new ProviderException(ErrorCode.STORAGE_UNAVAILABLE,
                    "no stored request for item " + itemId + " of job " + jobId));
        }
        return store.loadItem(jobId, itemId);
    }

    @Override
    public CompletableFuture<List<BatchItem>> loadItems(String jobId) {
        List<BatchItem> items = kept(jobId);
        return items != null ? CompletableFuture.completedFuture(items) : store.loadItems(jobId);
    }

    @Override
    public CompletableFuture<List<BatchItem>> loadItems(String jobId, List<String> itemIds) {
        List<BatchItem> items = kept(jobId);
        if (items == null) {
            return store.loadItems(jobId, itemIds);
        }
        Set<String> wanted = Set.copyOf(itemIds);
        return CompletableFuture.completedFuture(items.stream().filter(item -> wanted.contains(item.id())).toList());
    }

    @Override
    public CompletableFuture<Void> delete(String jobId) {
        synchronized (recent) {
            recent.remove(jobId);
        }
        return store.delete(jobId);
    }

    private List<BatchItem> kept(String jobId) {
        synchronized (recent) {
            return recent.get(jobId);
        }
    }

    @Override
    public CompletableFuture<Void> saveResult(String jobId, ItemResult result) {
        return store.saveResult(jobId, result);
    }

    @Override
    public CompletableFuture<Void> markCalling(String jobId, String itemId, Instant startedAt) {
        return store.markCalling(jobId, itemId, startedAt);
    }

    @Override
    public CompletableFuture<List<ItemResult>> loadResults(String jobId) {
        return store.loadResults(jobId);
    }

    @Override
    public CompletableFuture<ItemsSoFar> loadItemStates(String jobId) {
        return store.loadItemStates(jobId);
    }

    @Override
    public CompletableFuture<ItemsSoFar> loadItemStates(String jobId, List<String> itemIds) {
        return store.loadItemStates(jobId, itemIds);
    }

    @Override
    public CompletableFuture<ItemTally> tallyItems(String jobId) {
        return store.tallyItems(jobId);
    }

    @Override
    public CompletableFuture<Optional<ItemResult>> loadResult(String jobId, String itemId) {
        return store.loadResult(jobId, itemId);
    }

    @Override
    public CompletableFuture<Optional<Job>> loadJob(String jobId) {
        return store.loadJob(jobId);
    }

    @Override
    public CompletableFuture<Job> finish(String jobId, JobStatus status, JobSummary summary, Instant finishedAt) {
        return store.finish(jobId, status, summary, finishedAt);
    }

    @Override
    public CompletableFuture<JobPage> listJobs(Owner owner, int limit, String after) {
        return store.listJobs(owner, limit, after);
    }

    @Override
    public CompletableFuture<List<Job>> unfinished() {
        return store.unfinished();
    }

    @Override
    public String contentRef(String jobId, String itemId) {
        return store.contentRef(jobId, itemId);
    }
}
