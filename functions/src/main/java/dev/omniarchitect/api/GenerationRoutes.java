package dev.omniarchitect.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.batch.BatchDocument;
import dev.omniarchitect.batch.BatchDocumentParser;
import dev.omniarchitect.batch.BatchItem;
import dev.omniarchitect.batch.BatchOverrides;
import dev.omniarchitect.batch.InvalidBatchException;
import dev.omniarchitect.batch.ItemSettings;
import dev.omniarchitect.batch.RunMode;
import dev.omniarchitect.batch.Violation;
import dev.omniarchitect.job.ExecutionRefusedException;
import dev.omniarchitect.job.ItemResult;
import dev.omniarchitect.job.Job;
import dev.omniarchitect.job.JobFileStore;
import dev.omniarchitect.job.JobIds;
import dev.omniarchitect.job.JobLauncher;
import dev.omniarchitect.job.JobReader;
import dev.omniarchitect.job.JobRecord;
import dev.omniarchitect.job.JobStatus;
import dev.omniarchitect.job.JobStore;
import dev.omniarchitect.job.JobSubmitter;
import dev.omniarchitect.job.Launch;
import dev.omniarchitect.job.Owner;
import dev.omniarchitect.job.SyncRun;
import dev.omniarchitect.job.Uploads;
import dev.omniarchitect.json.ContentHash;
import dev.omniarchitect.provider.HttpFailures;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/** The {@code /v1/generations} routes: submit (async or sync, idempotent with a clientToken), read, bundle, files. */
final class GenerationRoutes {

    /** Items one page of a bundle holds: a larger job's bundle comes a page of items at a time. */
    static final int BUNDLE_PAGE_ITEMS = 500;
    /** The field of a submission that names an uploaded document instead of holding one. */
    static final String UPLOAD = "upload";
    /** Jobs per page of {@code GET /v1/generations}, unless the request asks for another number. */
    static final int DEFAULT_PAGE = 20;
    /** The most jobs one page lists. */
    static final int MAX_PAGE = 100;

    private final BatchDocumentParser parser;
    private final JobLauncher launcher;
    private final JobSubmitter submitter;
    private final SyncRun sync;
    private final JobReader reader;
    private final JobStore jobs;
    private final Responses responses;
    private final JobRecordJson records;
    private final JobFileStore files;

    GenerationRoutes(BatchDocumentParser parser, JobLauncher launcher, JobSubmitter submitter, SyncRun sync,
                     JobReader reader, JobStore jobs, JobFileStore files, Responses responses) {
        this.files = files;
        this.parser = parser;
        this.launcher = launcher;
        this.submitter = submitter;
        this.sync = sync;
        this.reader = reader;
        this.jobs = jobs;
        this.responses = responses;
        this.records = new JobRecordJson(responses);
    }

    /** {@code POST /v1/generations}. */
    CompletableFuture<ApiResponse> submit(ApiRequest request, Map<String, String> parameters) {
        Optional<Problem> refused = JsonRequestBody.refusal(request);
        if (refused.isPresent()) {
            return done(responses.problem(refused.get()));
        }
        JsonRequestBody.Read body = JsonRequestBody.read(responses.mapper(), request.body());
        if (body.malformed() != null) {
            return done(responses.problem(Problem.invalidDocument(List.of(body.malformed()))));
        }
        if (body.json().isObject() && body.json().has(UPLOAD)) {
            return submitUpload(request, body.json());
        }
        BatchDocument document;
        try {
            document = parser.parse(body.json(), BatchOverrides.NONE);
        } catch (InvalidBatchException e) {
            return done(responses.problem(Problem.invalidDocument(e.violations())));
        }
        return start(request, document, () -> ContentHash.of(body.json()));
    }

    /**
     * {@code POST /v1/generations} with {@code {"upload": "<uploadId>"}}: the document the caller uploaded (see
     * {@link UploadRoutes}), read and checked as a body would be, then started the same way.
     */
    private CompletableFuture<ApiResponse> submitUpload(ApiRequest request, JsonNode body) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals(UPLOAD)) {
                return done(responses.problem(Problem.of("invalid-request", "Invalid request", 400,
                        "a submission of an upload names the upload only", name, "unknown field beside upload; put "
                                + "the document's own fields (clientToken, mode, options...) in the uploaded document")));
            }
        }
        String uploadId = body.path(UPLOAD).asText("");
        if (!body.path(UPLOAD).isTextual() || !Uploads.ID.matcher(uploadId).matches()) {
            return done(responses.problem(Problem.of("invalid-request", "Invalid request", 400,
                    "upload must be an upload id from POST /v1/uploads", UPLOAD, "is not an upload id of this API "
                            + "(they look like 20261207-101500-3f9a1c2b4d5e6f70.jsonl)")));
        }
        String text;
        try {
            // Read on the handler's thread: the object is streamed from the bucket, and reading it blocks.
            text = Uploads.read(files, request.caller().owner(), uploadId);
        } catch (Uploads.Missing missing) {
            return done(responses.problem(Problem.of("upload-not-found", "Upload not found", 404,
                    "there is no upload " + uploadId, UPLOAD, "no document was uploaded as " + uploadId + " (an upload "
                            + "URL is valid " + Uploads.URL_VALIDITY.toMinutes() + " minutes, an upload is kept a day)")));
        } catch (Uploads.TooLarge tooLarge) {
            return done(responses.problem(Problem.of("payload-too-large", "Payload too large", 413,
                    "an uploaded document may be at most " + Uploads.MAX_BYTES + " bytes", UPLOAD,
                    "is over " + Uploads.MAX_BYTES + " bytes (" + Uploads.MAX_SIZE_TEXT + ")")));
        }
        BatchDocument document;
        try {
            document = parser.parse(text, Uploads.format(uploadId), BatchOverrides.NONE);
        } catch (InvalidBatchException e) {
            return done(responses.problem(Problem.invalidDocument(e.violations())));
        }
        return start(request, document, () -> ContentHash.ofText(text));
    }

    /** Starts a checked document as a job, async or sync as it says; {@code bodyHash} identifies it for a token. */
    private CompletableFuture<ApiResponse> start(ApiRequest request, BatchDocument document,
                                                 Supplier<String> bodyHash) {
        String bodyHashValue = document.clientToken() == null ? null : bodyHash.get();
        Owner owner = request.caller().owner();
        if (document.mode() == RunMode.SYNC) {
            List<Violation> tooMuch = SyncRun.check(document);
            if (!tooMuch.isEmpty()) {
                return done(responses.problem(Problem.of("sync-not-possible", "Batch too large for mode sync",
                        400, "mode sync runs up to " + SyncRun.MAX_ITEMS + " items inside the call; use the default "
                                + "asynchronous mode for this batch", tooMuch)));
            }
            Optional<Integer> wait = PreferWait.seconds(request);
            Duration budget = Duration.ofSeconds(wait.map(seconds -> Math.min(seconds, SyncRun.BUDGET_SECONDS))
                    .orElse(SyncRun.BUDGET_SECONDS));
            return launcher.launch(owner, document.clientToken(), bodyHashValue,
                            jobId -> sync.run(jobId, document, owner, budget).thenApply(Optional::of), reader::read)
                    .thenApply(launch -> {
                        ApiResponse response = syncResponse(launch);
                        return wait.isPresent()
                                ? response.withHeader("Preference-Applied", "wait=" + budget.toSeconds()) : response;
                    })
                    .exceptionally(this::refusedOrRethrow);
        }
        return launcher.launch(owner, document.clientToken(), bodyHashValue,
                        jobId -> submitter.submit(jobId, document, owner)
                                .thenApply(started -> Optional.<JobRecord>empty()),
                        reader::read)
                .thenApply(this::asyncResponse)
                .exceptionally(this::refusedOrRethrow);
    }

    /** A start refused for now is a 429 or 503 with Retry-After; nothing was kept for it. */
    private ApiResponse refusedOrRethrow(Throwable error) {
        if (!(HttpFailures.unwrap(error) instanceof ExecutionRefusedException refused)) {
            throw error instanceof CompletionException completion ? completion : new CompletionException(error);
        }
        boolean tooMany = refused.reason() == ExecutionRefusedException.Reason.LIMIT
                || refused.reason() == ExecutionRefusedException.Reason.THROTTLED;
        String detail = switch (refused.reason()) {
            case LIMIT -> "as many jobs run as this deployment allows";
            case THROTTLED -> "jobs are being started faster than this deployment allows";
            case UNAVAILABLE -> "the job could not be started";
            case STOPPING -> "the engine is stopping and takes no new jobs";
        };
        Problem problem = tooMany
                ? Problem.of("too-many-jobs", "Too many jobs", 429, detail + "; nothing was stored, retry after "
                        + refused.retryAfterSeconds() + " s", List.of())
                : Problem.of("service-unavailable", "Service unavailable", 503, detail + "; nothing was stored, "
                        + "retry after " + refused.retryAfterSeconds() + " s", List.of());
        return responses.problem(problem).withHeader("Retry-After", Integer.toString(refused.retryAfterSeconds()));
    }

    private ApiResponse asyncResponse(Launch<Optional<JobRecord>> launch) {
        if (launch instanceof Launch.Conflict<Optional<JobRecord>> conflict) {
            return conflict(conflict);
        }
        if (launch instanceof Launch.Replayed<Optional<JobRecord>> replayed) {
            return accepted(launch.jobId(), replayed.value().map(JobRecord::status).orElse(JobStatus.QUEUED), true);
        }
        return accepted(launch.jobId(), JobStatus.QUEUED, false);
    }

    private ApiResponse syncResponse(Launch<Optional<JobRecord>> launch) {
        if (launch instanceof Launch.Conflict<Optional<JobRecord>> conflict) {
            return conflict(conflict);
        }
        boolean replayed = launch instanceof Launch.Replayed;
        Optional<JobRecord> record = launch instanceof Launch.Started<Optional<JobRecord>> started ? started.value()
                : launch instanceof Launch.Replayed<Optional<JobRecord>> again ? again.value() : Optional.empty();
        if (record.isPresent() && record.get().status().isFinal()) {
            ApiResponse response = ApiResponse.json(200, records.render(record.get()));
            return replayed ? response.withHeader("Idempotent-Replayed", "true") : response;
        }
        if (record.isPresent()) {
            // The budget ran out: the items done so far, and where the job that runs the rest is polled.
            String statusUrl = "/v1/generations/" + launch.jobId();
            ApiResponse response = ApiResponse.json(202, records.render(record.get(), statusUrl))
                    .withHeader("Location", statusUrl);
            return replayed ? response.withHeader("Idempotent-Replayed", "true") : response;
        }
        // A repeat that arrives while the first call still runs the items: poll like an async job.
        return accepted(launch.jobId(), JobStatus.QUEUED, replayed);
    }

    private ApiResponse accepted(String jobId, JobStatus status, boolean replayed) {
        ObjectNode body = responses.mapper().createObjectNode()
                .put("jobId", jobId)
                .put("status", status.name())
                .put("statusUrl", "/v1/generations/" + jobId);
        ApiResponse response = responses.json(202, body).withHeader("Location", "/v1/generations/" + jobId);
        return replayed ? response.withHeader("Idempotent-Replayed", "true") : response;
    }

    private ApiResponse conflict(Launch.Conflict<?> conflict) {
        return responses.problem(conflict.reason() == Launch.Reason.OTHER_BODY
                ? Problem.of("client-token-conflict", "Client token already used", 409,
                        "this clientToken started job " + conflict.jobId() + " with a different body",
                        "clientToken", "already used for job " + conflict.jobId() + " with another body; send the "
                                + "same body to get that job, or a new clientToken for a new batch")
                : Problem.of("request-in-progress", "Request in progress", 409,
                        "the first request with this clientToken is still storing job " + conflict.jobId(),
                        "clientToken", "a request with this token is being processed; retry in a few seconds"));
    }

    /**
     * {@code GET /v1/generations/{jobId}/document[?limit=N&cursor=C]}: the job's batch document as it ran, every
     * item with its resolved settings, in document order; sent again, it runs the same items (answered from the
     * cache). A job of more items than a page holds comes a page at a time, as its record does.
     */
    CompletableFuture<ApiResponse> document(ApiRequest request, Map<String, String> parameters) {
        String jobId = parameters.get("jobId");
        if (!JobIds.isWellFormed(jobId)) {
            return done(jobNotFound(jobId));
        }
        Optional<ItemPage> asked;
        try {
            asked = ItemPage.of(request.query());
        } catch (InvalidQuery refused) {
            return done(responses.problem(refused.problem()));
        }
        ItemPage page = asked.orElse(ItemPage.FIRST);
        return jobs.loadJob(jobId).thenCompose(job -> job
                .filter(found -> found.owner().readableBy(request.caller().owner()))
                .map(found -> {
                    List<String> ids = found.itemIds();
                    List<String> pageIds = found.itemIds(page.from(), page.limit());
                    boolean whole = pageIds.size() == ids.size();
                    // A large job's document comes a page at a time, read by key: never one response.
                    return (whole ? jobs.loadItems(jobId) : jobs.loadItems(jobId, pageIds)).thenApply(items -> {
                        Map<String, BatchItem> byId = new HashMap<>();
                        items.forEach(item -> byId.put(item.id(), item));
                        ObjectNode body = responses.mapper().createObjectNode();
                        ArrayNode list = body.putArray("items");
                        pageIds.stream().map(byId::get).filter(Objects::nonNull)
                                .forEach(item -> list.add(documentItem(item)));
                        if (asked.isPresent() || !whole) {
                            page.describe(body, "/v1/generations/" + jobId + "/document", ids.size());
                        }
                        return ApiResponse.json(200, responses.write(body));
                    });
                })
                .orElseGet(() -> done(jobNotFound(jobId))));
    }

    private ObjectNode documentItem(BatchItem item) {
        ItemSettings settings = item.settings();
        ObjectNode node = responses.mapper().createObjectNode()
                .put("id", item.id()).put("kind", item.kind()).put("prompt", item.prompt());
        node.set("params", item.params());
        node.put("provider", settings.provider()).put("model", settings.model());
        if (!settings.fallback().isEmpty()) {
            settings.fallback().forEach(node.putArray("fallback")::add);
        }
        node.putObject("options")
                .put("temperature", settings.temperature())
                .put("maxTokens", settings.maxTokens())
                .put("timeoutSeconds", settings.timeoutSeconds())
                .put("cache", settings.cache().wireName())
                .put("cacheTtlSeconds", settings.cacheTtlSeconds())
                .put("maxAttempts", settings.maxAttempts())
                .put("repair", settings.repair());
        if (item.input() != null) {
            node.put("input", item.input());
        }
        return node;
    }

    /** {@code GET /v1/generations}: a page of the caller's own jobs, newest first, with a link to the next. */
    CompletableFuture<ApiResponse> list(ApiRequest request, Map<String, String> parameters) {
        int limit;
        try {
            limit = InvalidQuery.limit(request.query(), DEFAULT_PAGE, MAX_PAGE);
        } catch (InvalidQuery refused) {
            return done(responses.problem(refused.problem()));
        }
        String after = request.query().get("after");
        if (after != null && !JobIds.isWellFormed(after)) {
            return done(responses.problem(Problem.of("invalid-query", "Invalid query", 400,
                    "after must be a job id from the previous page's next", "after", "is not a job id")));
        }
        return jobs.listJobs(request.caller().owner(), limit, after).thenApply(page -> {
            ObjectNode body = responses.mapper().createObjectNode();
            ArrayNode list = body.putArray("jobs");
            for (Job job : page.jobs()) {
                ObjectNode entry = list.addObject().put("jobId", job.jobId()).put("status", job.status().name())
                        .put("createdAt", job.createdAt().toString()).put("items", job.itemIds().size());
                if (job.finishedAt() != null) {
                    entry.put("finishedAt", job.finishedAt().toString());
                }
                if (job.summary() != null) {
                    entry.set("summary", responses.mapper().valueToTree(job.summary()));
                }
            }
            if (page.next() != null) {
                body.put("next", "/v1/generations?limit=" + limit + "&after=" + page.next());
            }
            return ApiResponse.json(200, responses.write(body));
        });
    }

    /**
     * {@code GET /v1/generations/{jobId}}, the whole record or, with {@code limit} or {@code cursor}, a page of it;
     * a job of more items than a page holds is always sent a page at a time.
     */
    CompletableFuture<ApiResponse> read(ApiRequest request, Map<String, String> parameters) {
        Optional<ItemPage> asked;
        try {
            asked = ItemPage.of(request.query());
        } catch (InvalidQuery refused) {
            return done(responses.problem(refused.problem()));
        }
        ItemPage page = asked.orElse(ItemPage.FIRST);
        String jobId = parameters.get("jobId");
        if (!JobIds.isWellFormed(jobId)) {
            return done(jobNotFound(jobId));
        }
        return reader.readPage(jobId, page.from(), page.limit()).thenApply(found -> found
                .filter(record -> record.owner().readableBy(request.caller().owner()))
                .map(record -> ApiResponse.json(200, asked.isPresent() || page.partOf(record)
                        ? records.render(record, page) : records.render(record)))
                .orElseGet(() -> jobNotFound(jobId)));
    }

    /**
     * {@code GET /v1/generations/{jobId}/bundle[?page=P][&part=N]}: the files of a page of {@link
     * #BUNDLE_PAGE_ITEMS} items as zips that each fit a response, every response linking the next.
     */
    CompletableFuture<ApiResponse> bundle(ApiRequest request, Map<String, String> parameters) {
        String jobId = parameters.get("jobId");
        if (!JobIds.isWellFormed(jobId)) {
            return done(jobNotFound(jobId));
        }
        Optional<Integer> page = wholeNumber(request.query().getOrDefault("page", "1"));
        if (page.isEmpty() || page.get() < 1) {
            return done(responses.problem(Problem.of("invalid-request", "Invalid request", 400,
                    "page must be a page of the bundle, from 1", "page", "must be a whole number from 1, got \""
                            + request.query().get("page") + "\"")));
        }
        // A page of the job's items at a time: a 10,000-item job's bundle is never read, nor zipped, whole.
        return reader.readPage(jobId, (page.get() - 1) * BUNDLE_PAGE_ITEMS, BUNDLE_PAGE_ITEMS).thenApply(found -> found
                .filter(record -> record.owner().readableBy(request.caller().owner()))
                .map(record -> bundlePart(request, record, page.get()))
                .orElseGet(() -> jobNotFound(jobId)));
    }

    /** One part of the bundle of one page of the job's items (a page of a small job is the whole job). */
    private ApiResponse bundlePart(ApiRequest request, JobRecord record, int page) {
        if (!record.status().isFinal()) {
            return responses.problem(Problem.of("job-not-finished", "Job not finished", 409,
                    "job " + record.jobId() + " is " + record.status() + " (" + record.progress().done() + " of "
                            + record.progress().total() + " items done); fetch its bundle once it has ended",
                    "jobId", "job " + record.jobId() + " has not ended yet"));
        }
        int pages = Math.max(1, (record.progress().total() + BUNDLE_PAGE_ITEMS - 1) / BUNDLE_PAGE_ITEMS);
        if (page > pages) {
            return responses.problem(Problem.of("invalid-request", "Invalid request", 400,
                    "this bundle has " + pages + " page(s)", "page", "must be a whole number from 1 to " + pages
                            + ", got \"" + page + "\""));
        }
        List<ItemResult> withFiles = record.items().stream().filter(item -> !item.files().isEmpty()).toList();
        JobBundle bundle = JobBundle.of(withFiles, ResponseLimit.MAX_BINARY_BYTES, record.createdAt());
        int parts = bundle.partCount();
        String partText = request.query().getOrDefault("part", "1");
        int part = wholeNumber(partText).orElse(0);
        if (part < 1 || part > parts) {
            return responses.problem(Problem.of("invalid-request", "Invalid request", 400,
                    "this bundle has " + parts + " part(s)" + (pages > 1 ? " in page " + page : ""), "part",
                    "must be a whole number from 1 to " + parts + ", got \"" + partText + "\""));
        }
        String base = "/v1/generations/" + record.jobId() + "/bundle";
        String fileName = record.jobId() + (pages == 1 ? "" : "-page-" + page + "-of-" + pages)
                + (parts == 1 ? "" : "-part-" + part + "-of-" + parts) + ".zip";
        ApiResponse response = ApiResponse.binary(200, "application/zip", bundle.part(part))
                .withHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .withHeader("Bundle-Parts", Integer.toString(parts))
                .withHeader("Bundle-Pages", Integer.toString(pages));
        String pageQuery = pages == 1 ? "" : "page=" + page + "&";
        if (part < parts) {
            return response.withHeader("Link", "<" + base + "?" + pageQuery + "part=" + (part + 1) + ">; rel=\"next\"");
        }
        return page < pages ? response.withHeader("Link", "<" + base + "?page=" + (page + 1) + ">; rel=\"next\"")
                : response;
    }

    private static Optional<Integer> wholeNumber(String text) {
        return text != null && text.matches("[0-9]{1,5}") ? Optional.of(Integer.parseInt(text)) : Optional.empty();
    }

    /** {@code GET /v1/generations/{jobId}/files/{itemId}/{path+}}. */
    CompletableFuture<ApiResponse> file(ApiRequest request, Map<String, String> parameters) {
        String jobId = parameters.get("jobId");
        String itemId = parameters.get("itemId");
        String path = parameters.get("path");
        if (!JobIds.isWellFormed(jobId)) {
            return done(jobNotFound(jobId));
        }
        // Both reads at once; another owner's job is as absent as one that never was: a 404 confirms nothing.
        return jobs.loadJob(jobId).thenCombine(jobs.loadResult(jobId, itemId), (job, result) -> job
                .filter(found -> found.owner().readableBy(request.caller().owner()))
                .map(found -> fileResponse(jobId, itemId, path, result))
                .orElseGet(() -> jobNotFound(jobId)));
    }

    private ApiResponse fileResponse(String jobId, String itemId, String path, Optional<ItemResult> result) {
        Optional<GeneratedFile> file = result.flatMap(found -> found.files().stream()
                .filter(candidate -> candidate.path().equals(path)).findFirst());
        if (file.isEmpty()) {
            return responses.problem(Problem.of("file-not-found", "File not found", 404,
                    "job " + jobId + " has no file " + path + " for item " + itemId,
                    result.isEmpty() ? "itemId" : "path", result.isEmpty()
                            ? "no ended item " + itemId + " in job " + jobId
                            : "item " + itemId + " has no file " + path + "; its files: "
                                    + result.get().files().stream().map(GeneratedFile::path).toList()));
        }
        return ApiResponse.text(200, "text/plain; charset=utf-8", file.get().content())
                .withHeader("X-Content-Type-Options", "nosniff");
    }

    private ApiResponse jobNotFound(String jobId) {
        return responses.problem(Problem.of("job-not-found", "Job not found", 404, "there is no job " + jobId,
                "jobId", JobIds.isWellFormed(jobId) ? "no job " + jobId + " (jobs are kept for JOB_TTL_DAYS days)"
                        : "\"" + jobId + "\" is not a job id; job ids look like 20261126-175432-3f9a1c2b"));
    }

    private static CompletableFuture<ApiResponse> done(ApiResponse response) {
        return CompletableFuture.completedFuture(response);
    }
}
