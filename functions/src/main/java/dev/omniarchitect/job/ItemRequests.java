package dev.omniarchitect.job;

import dev.omniarchitect.batch.BatchItem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The stored requests of the jobs a function instance is working on, read a whole job at a time.
 *
 * <p>An instance that generates one item of a job goes on to generate others (the Map keeps its few
 * instances busy), so the first item reads every request of its job in one query and the others find
 * theirs in memory: one round trip less per item, on the path every item waits on. Requests never change
 * once stored, so nothing kept can be stale. Bounded: {@link #MAX_JOBS} jobs, the least recently used
 * dropped first, and a job whose requests exceed {@link #MAX_JOB_CHARS} is not kept but read item by item.
 * Concurrent first loads of one job share its query; a failed query is forgotten and the item read alone.
 */
public final class ItemRequests {

    /** Jobs kept at most: an instance seldom serves more than one or two executions at a time. */
    public static final int MAX_JOBS = 4;
    /** The largest job kept, in prompt, params and input characters: a few MB per job at most. */
    public static final long MAX_JOB_CHARS = 4_000_000;

    private final JobStore jobs;
    private final long maxJobChars;
    /** By job id: the job's requests by item id, or null once known to be too large to keep. */
    private final Map<String, CompletableFuture<Map<String, BatchItem>>> byJob;

    public ItemRequests(JobStore jobs) {
        this(jobs, MAX_JOBS, MAX_JOB_CHARS);
    }

    /** With other bounds than the defaults. */
    public ItemRequests(JobStore jobs, int maxJobs, long maxJobChars) {
        this.jobs = jobs;
        this.maxJobChars = maxJobChars;
        this.byJob = new LinkedHashMap<>(maxJobs * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<Map<String, BatchItem>>> eldest) {
                return size() > maxJobs;
            }
        };
    }

    /** The stored request of one item; fails as {@link JobStore#loadItem} does if there is none. */
    public CompletableFuture<BatchItem> load(String jobId, String itemId) {
        CompletableFuture<Map<String, BatchItem>> job;
        boolean first = false;
        synchronized (byJob) {
            job = byJob.get(jobId);
            if (job == null) {
                job = new CompletableFuture<>();
                byJob.put(jobId, job);
                first = true;
            }
        }
        if (first) {
            read(jobId, job);
        }
        return job.handle((requests, failure) -> requests == null ? null : requests.get(itemId))
                .thenCompose(request -> request != null ? CompletableFuture.completedFuture(request)
                        : jobs.loadItem(jobId, itemId));
    }

    private void read(String jobId, CompletableFuture<Map<String, BatchItem>> job) {
        jobs.loadItems(jobId).whenComplete((requests, failure) -> {
            if (failure != null || requests.isEmpty()) {
                // Not kept, so the next item asks again.
                synchronized (byJob) {
                    byJob.remove(jobId, job);
                }
                job.complete(null);
                return;
            }
            Map<String, BatchItem> byId = requests.stream().collect(Collectors.toUnmodifiableMap(BatchItem::id,
                    Function.identity(), (first, second) -> second));
            if (charsOf(requests) > maxJobChars) {
                // Too large to keep: marked (null) so later items are read one by one without querying it
                // again, while the items already waiting take theirs from this read.
                synchronized (byJob) {
                    byJob.replace(jobId, job, CompletableFuture.completedFuture(null));
                }
            }
            job.complete(byId);
        });
    }

    /** A job's requests' size as {@link #MAX_JOB_CHARS} counts it. */
    public static long charsOf(List<BatchItem> requests) {
        return requests.stream().mapToLong(item -> item.prompt().length()
                + (item.input() == null ? 0 : item.input().length())
                + (item.params() == null ? 0 : item.params().toString().length())).sum();
    }
}
