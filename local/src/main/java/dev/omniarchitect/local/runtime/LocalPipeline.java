package dev.omniarchitect.local.runtime;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.batch.BatchDocument;
import dev.omniarchitect.handler.AggregateHandler;
import dev.omniarchitect.handler.ApiHandler;
import dev.omniarchitect.handler.ProviderCallHandler;
import dev.omniarchitect.handler.ReconcileHandler;
import dev.omniarchitect.job.ExecutionStarter;
import dev.omniarchitect.job.ExecutionTimeout;
import dev.omniarchitect.job.ItemRunner;
import dev.omniarchitect.job.JobIds;
import dev.omniarchitect.job.JobRecord;
import dev.omniarchitect.job.JobSubmitter;
import dev.omniarchitect.job.MaxConcurrency;
import dev.omniarchitect.job.ToleratedFailures;
import dev.omniarchitect.limit.LeaseStore;
import dev.omniarchitect.limit.dynamodb.DynamoDbLeaseStore;
import dev.omniarchitect.local.asl.DirectoryObjectStore;
import dev.omniarchitect.local.asl.ExecutionListener;
import dev.omniarchitect.local.asl.ExecutionResult;
import dev.omniarchitect.local.asl.LambdaFailure;
import dev.omniarchitect.local.asl.LocalExecutor;
import dev.omniarchitect.local.asl.StateMachineDefinition;
import dev.omniarchitect.local.dynamodb.EmbeddedDynamoDb;
import dev.omniarchitect.local.dynamodb.LocalTables;
import dev.omniarchitect.local.limit.EngineLeaseStore;
import dev.omniarchitect.runtime.AwsClients;
import dev.omniarchitect.runtime.FunctionConfig;
import dev.omniarchitect.runtime.FunctionPriming;
import dev.omniarchitect.runtime.FunctionServices;
import dev.omniarchitect.runtime.Priming;
import dev.omniarchitect.validation.ExternalCheck;
import dev.omniarchitect.schedule.DocumentSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The whole system on one machine: DynamoDB Local (or the endpoint in AWS_ENDPOINT_URL_DYNAMODB), the
 * real handlers, and the real state machine definition run by the local executor.
 */
public final class LocalPipeline implements AutoCloseable {

    /** Where the definition is packaged, copied from statemachine/ at build time. */
    static final String DEFINITION_RESOURCE = "/statemachine/generate.asl.json";

    private final EmbeddedDynamoDb embedded;
    private final AwsClients aws;
    private final FunctionServices services;
    /** Where the provider limits are kept: the limits table, or this process's memory (the engine's). */
    private final LeaseStore leases;
    private final LocalExecutions executions;
    private final JobSubmitter submitter;
    private final LocalFunctions functions;
    private final Clock clock;
    private final int executionTimeoutSeconds;
    /** The definition with each MaxConcurrency asked for so far. */
    private final Map<Integer, StateMachineDefinition> definitions = new java.util.concurrent.ConcurrentHashMap<>();
    private final EngineRecovery recovery;
    private final int toleratedFailurePercentage;
    /** The job files bucket's directory; a temporary one, deleted on close, when the store is in memory. */
    private final Path objectsRoot;
    private final boolean temporaryObjects;
    /** Each function's SnapStart priming, run by an engine before it answers (see {@link #prime}). */
    private final List<Priming> primings;

    private LocalPipeline(Builder builder) {
        Map<String, String> env = builder.environment;
        String endpoint = env.get("AWS_ENDPOINT_URL_DYNAMODB");
        if (endpoint != null && !endpoint.isBlank()) {
            this.embedded = null;
        } else {
            // On disk, the store starts while the clients, functions and validators are built (a cold
            // engine's two longest tasks, side by side); the tables are made once it answers.
            this.embedded = builder.dataDirectory == null
                    ? EmbeddedDynamoDb.inMemory()
                    : EmbeddedDynamoDb.startingIn(builder.dataDirectory.resolve("dynamodb"));
        }
        try {
            this.temporaryObjects = builder.dataDirectory == null;
            this.objectsRoot = temporaryObjects ? Files.createTempDirectory("omni-objects-")
                    : builder.dataDirectory.resolve("objects");
            DirectoryObjectStore objects = new DirectoryObjectStore(objectsRoot);
            this.aws = AwsClients.forLocalDynamoDb(embedded != null ? embedded.endpoint() : URI.create(endpoint.trim()),
                    env);
            FunctionConfig config = FunctionConfig.fromEnvironment(env);
            this.leases = builder.leasesInMemory ? new EngineLeaseStore()
                    : new DynamoDbLeaseStore(aws.dynamoDb(), config.limitsTable());
            this.services = new FunctionServices(config, aws, builder.logOutput, builder.clock, builder.externalChecks,
                    leases, builder.requestsInMemory ? EngineJobStore::new : UnaryOperator.identity(),
                    new DirectoryJobFileStore(objects));

            // A drain waits for the executions' invocations and the sync calls' items alike.
            InvocationGate gate = new InvocationGate();
            // ApiFunction starts executions that invoke the functions, as in AWS: its starter is bound to
            // the executions once they exist.
            CompletableFuture<LocalExecutions> executionsReady = new CompletableFuture<>();
            ExecutionStarter apiStarter = input -> executionsReady.thenCompose(started -> started.start(input));
            Map<String, RequestStreamHandler> handlers = new HashMap<>(Map.of(
                    LocalFunctions.API, new ApiHandler(services, new JobSubmitter(services.jobs(), apiStarter,
                            services.jobFiles(), new JobIds(builder.clock), services.log(), builder.clock),
                            DocumentSource.unavailable("scheduled runs read S3 documents only when deployed; on this "
                                    + "machine put the batch document inline as scheduledRun.document"),
                            gate.guard(builder.syncItems.apply(services))),
                    LocalFunctions.PROVIDER_CALL, new ProviderCallHandler(services),
                    LocalFunctions.AGGREGATE, new AggregateHandler(services),
                    LocalFunctions.RECONCILE, new ReconcileHandler(services)));
            builder.replacedFunctions.forEach((name, factory) -> handlers.put(name, factory.apply(services)));
            this.primings = List.of(FunctionPriming.providerCall(services),
                    FunctionPriming.aggregate(services, handlers.get(LocalFunctions.AGGREGATE)),
                    FunctionPriming.api(services, handlers.get(LocalFunctions.API)));
            ItemProgress progress = builder.progress;
            this.functions = new LocalFunctions(handlers, services.mapper(), builder.logOutput,
                    (function, event, result) -> {
                        if (LocalFunctions.PROVIDER_CALL.equals(function)) {
                            progress.itemDone(event.path("jobId").asText(),
                                    !"SUCCEEDED".equals(result.path("status").asText()),
                                    result.path("cached").asBoolean());
                        }
                    });
            this.clock = builder.clock;
            this.executionTimeoutSeconds = builder.executionTimeoutSeconds;
            this.toleratedFailurePercentage = builder.toleratedFailurePercentage;
            StateMachineDefinition definition = definition(builder.maxConcurrency);
            EngineInvoker invoker = new EngineInvoker(functions, services.jobs(), services.mapper(), gate);
            LocalExecutor executor = LocalExecutor.builder()
                    .lambdaInvoker(invoker)
                    .retryDelayScale(builder.retryDelayScale)
                    .clock(builder.clock)
                    .listener(builder.listener)
                    .objectStore(objects)
                    .build();
            // The template's EventBridge rule: an execution that ends without aggregating its job has the job
            // reconciled, so that no job stays RUNNING.
            int limit = builder.maxExecutions != null ? builder.maxExecutions : ExecutionLimit.from(env);
            this.executions = new LocalExecutions(executor, definition, services.mapper(), invoker, limit,
                    (jobId, ended) -> {
                        if (ended.status() != ExecutionResult.Status.SUCCEEDED) {
                            reconcile(definition.name(), jobId, ended);
                        }
                    });
            this.recovery = new EngineRecovery(services.jobs(), services.jobFiles(), executions, services.log());
            executionsReady.complete(executions);
            this.submitter = new JobSubmitter(services.jobs(), executions, services.jobFiles(),
                    new JobIds(builder.clock), services.log(),
                    builder.clock);
            if (embedded != null) {
                embedded.ready();
            }
            LocalTables.ensure(aws.dynamoDb(), config.cacheTable(), config.jobsTable(), config.limitsTable());
        } catch (IOException e) {
            if (embedded != null) {
                embedded.close();
            }
            throw new UncheckedIOException("the job files directory cannot be made: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    /** A pipeline to configure. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * SAM's DefinitionSubstitutions for the definition run here: the template's, with local function ARNs, the
     * local job files bucket and the template's default tolerated failure percentage.
     */
    public static Map<String, String> definitionSubstitutions(int maxConcurrency, int executionTimeoutSeconds) {
        return definitionSubstitutions(maxConcurrency, executionTimeoutSeconds, ToleratedFailures.DEFAULT_PERCENTAGE);
    }

    /** As above, with that tolerated failure percentage. */
    public static Map<String, String> definitionSubstitutions(int maxConcurrency, int executionTimeoutSeconds,
                                                              int toleratedFailurePercentage) {
        return Map.of(
                "MaxConcurrency", Integer.toString(maxConcurrency),
                "ExecutionTimeoutSeconds", Integer.toString(executionTimeoutSeconds),
                "ToleratedFailurePercentage", Integer.toString(toleratedFailurePercentage),
                "JobFilesBucket", DirectoryJobFileStore.BUCKET,
                "ProviderCallFunctionArn", LocalFunctions.arnOf(LocalFunctions.PROVIDER_CALL),
                "AggregateFunctionArn", LocalFunctions.arnOf(LocalFunctions.AGGREGATE),
                "ReconcileFunctionArn", LocalFunctions.arnOf(LocalFunctions.RECONCILE));
    }

    private void reconcile(String stateMachineName, String jobId, ExecutionResult ended) {
        try {
            functions.invoke(LocalFunctions.RECONCILE,
                    ExecutionStatusChange.of(services.mapper(), stateMachineName, jobId, ended));
        } catch (LambdaFailure e) {
            services.log().error("execution.reconcile_failed", Map.of("jobId", jobId,
                    "executionStatus", ended.status().name()));
        }
    }

    /** The text of the packaged statemachine/generate.asl.json. */
    public static String readDefinition() {
        try (InputStream in = LocalPipeline.class.getResourceAsStream(DEFINITION_RESOURCE)) {
            Objects.requireNonNull(in, "the build did not package " + DEFINITION_RESOURCE);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Completes when a provider call first takes a lease of the limits kept in memory (see {@link
     * Builder#leasesInMemory}); never with the limits table.
     */
    public CompletableFuture<Void> firstProviderCall() {
        return leases instanceof EngineLeaseStore inMemory ? inMemory.firstLease() : new CompletableFuture<>();
    }

    /** Where this pipeline keeps the provider limits. */
    public LeaseStore leases() {
        return leases;
    }

    /** The function-side services (stores, parser, providers) this pipeline runs with. */
    public FunctionServices services() {
        return services;
    }

    /**
     * Runs each function's priming, as SnapStart runs it before a snapshot and with the same care (refused
     * writes, jobs that cannot exist, the provider path offline: nothing stored, no provider called), one after
     * the other in the order a job needs them (ProviderCallFunction, AggregateFunction, ApiFunction) and at most
     * for that long, so that the engine's next jobs meet code already run once. One at a time, so that a job
     * arriving meanwhile still finds a core free.
     */
    public void prime(Duration bound) {
        Thread priming = new Thread(() -> primings.forEach(Priming::prime), "omni-priming");
        priming.setDaemon(true);
        priming.start();
        try {
            priming.join(bound.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The functions of template.yaml by logical id, invoked as Lambda would invoke them. */
    public LocalFunctions functions() {
        return functions;
    }

    /** Resumes unfinished jobs when the engine starts, drains in-flight work when it stops. */
    public EngineRecovery recovery() {
        return recovery;
    }

    /** Waits for every execution started so far (by {@link #submit} or by ApiFunction) to end. */
    public Map<String, ExecutionResult> awaitExecutions() {
        return executions.awaitAll();
    }

    /** Stops the job's execution, as StopExecution does; whether it was still running. */
    public boolean stop(String jobId) {
        return executions.stop(jobId);
    }

    /** Stores the batch as a job and starts its execution; returns the job id. */
    public String submit(BatchDocument document) {
        return submitter.submit(document).join();
    }

    /**
     * Stores the batch as a job and starts its execution with that MaxConcurrency (a client's
     * {@code --concurrency}) rather than the pipeline's; returns the job id.
     */
    public String submit(BatchDocument document, int maxConcurrency) {
        StateMachineDefinition definition = definition(maxConcurrency);
        return new JobSubmitter(services.jobs(), input -> executions.start(input, definition), services.jobFiles(),
                new JobIds(clock),
                services.log(), clock).submit(document).join();
    }

    /** The end of the job's execution, if this pipeline started it. */
    public java.util.Optional<CompletableFuture<ExecutionResult>> execution(String jobId) {
        return executions.find(jobId);
    }

    /** The names (job ids) of every execution started so far. */
    public java.util.Set<String> executionNames() {
        return executions.names();
    }

    /** Executions started and not yet ended. */
    public int runningExecutions() {
        return executions.running();
    }

    /** A page of the job's record as it stands ({@link dev.omniarchitect.job.JobReader#readPage}). */
    public CompletableFuture<java.util.Optional<JobRecord>> readPage(String jobId, int from, int limit) {
        return services.jobReader().readPage(jobId, from, limit);
    }

    /** The job's record as it stands, if the job exists. */
    public CompletableFuture<java.util.Optional<JobRecord>> read(String jobId) {
        return services.jobReader().read(jobId);
    }

    private StateMachineDefinition definition(int maxConcurrency) {
        return definitions.computeIfAbsent(maxConcurrency, concurrency -> StateMachineDefinition.parse(readDefinition(),
                definitionSubstitutions(concurrency, executionTimeoutSeconds, toleratedFailurePercentage)));
    }

    /** Waits for the job's execution, then reads its record. */
    public JobRun await(String jobId) {
        ExecutionResult execution = executions.completion(jobId).join();
        JobRecord record = services.jobReader().read(jobId).join()
                .orElseThrow(() -> new IllegalStateException("job " + jobId + " vanished from the jobs table"));
        return new JobRun(record, execution);
    }

    /** Submits, waits and reads. */
    public JobRun run(BatchDocument document) {
        return await(submit(document));
    }

    @Override
    public void close() {
        executions.close();
        if (leases instanceof EngineLeaseStore inMemory) {
            inMemory.close();
        }
        aws.close();
        if (embedded != null) {
            embedded.close();
        }
        if (temporaryObjects) {
            try (java.util.stream.Stream<Path> files = Files.walk(objectsRoot)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            } catch (IOException e) {
                // A temporary directory left behind is the system's to clear.
            }
        }
    }

    /** A finished job with the execution that ran it. */
    public record JobRun(JobRecord record, ExecutionResult execution) {
    }

    /** Settings of a local pipeline. */
    public static final class Builder {
        private Map<String, String> environment = System.getenv();
        private Path dataDirectory;
        private int maxConcurrency = MaxConcurrency.DEFAULT;
        private Integer maxExecutions;
        private int executionTimeoutSeconds = ExecutionTimeout.SECONDS;
        private int toleratedFailurePercentage = ToleratedFailures.DEFAULT_PERCENTAGE;
        private final Map<String, Function<FunctionServices, RequestStreamHandler>> replacedFunctions =
                new HashMap<>();
        private Function<FunctionServices, ItemRunner> syncItems =
                services -> ItemRunner.inProcess(services.itemGenerator());
        private double retryDelayScale = 1.0;
        private PrintStream logOutput = System.out;
        private Clock clock = Clock.systemUTC();
        private boolean leasesInMemory;
        private boolean requestsInMemory;
        private ExecutionListener listener = new ExecutionListener() { };
        private ItemProgress progress = ItemProgress.NONE;
        private List<ExternalCheck> externalChecks = List.of();

        private Builder() {
        }

        /** Environment variables the functions see (providers, tables, defaults). */
        public Builder environment(Map<String, String> environment) {
            this.environment = new HashMap<>(environment);
            return this;
        }

        /** Keep DynamoDB Local's data in this folder; in memory when not set. */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        /** The Map state's MaxConcurrency (the template parameter), {@link MaxConcurrency#DEFAULT} by default. */
        public Builder maxConcurrency(int maxConcurrency) {
            this.maxConcurrency = maxConcurrency;
            return this;
        }

        /** Executions at once; by default {@link ExecutionLimit#VARIABLE} of the environment, else its default. */
        public Builder maxExecutions(int maxExecutions) {
            this.maxExecutions = maxExecutions;
            return this;
        }

        /** The state machine's TimeoutSeconds ({@link ExecutionTimeout#SECONDS}, as deployed); tests shorten it. */
        public Builder executionTimeoutSeconds(int executionTimeoutSeconds) {
            this.executionTimeoutSeconds = executionTimeoutSeconds;
            return this;
        }

        /**
         * The Distributed Map's ToleratedFailurePercentage (the template parameter), {@link
         * ToleratedFailures#DEFAULT_PERCENTAGE} by default.
         */
        public Builder toleratedFailurePercentage(int percentage) {
            if (percentage < ToleratedFailures.MIN_PERCENTAGE || percentage > ToleratedFailures.MAX_PERCENTAGE) {
                throw new IllegalArgumentException("the tolerated failure percentage must be from "
                        + ToleratedFailures.MIN_PERCENTAGE + " to " + ToleratedFailures.MAX_PERCENTAGE);
            }
            this.toleratedFailurePercentage = percentage;
            return this;
        }

        /** How ApiFunction runs a sync call's items: in this process unless told otherwise. */
        public Builder syncItems(Function<FunctionServices, ItemRunner> syncItems) {
            this.syncItems = syncItems;
            return this;
        }

        /** Runs that function of template.yaml with another handler: tests make one fail. */
        public Builder replaceFunction(String logicalId, Function<FunctionServices, RequestStreamHandler> handler) {
            if (!LocalFunctions.NAMES.contains(logicalId)) {
                throw new IllegalArgumentException("no function " + logicalId + " in template.yaml: "
                        + LocalFunctions.NAMES);
            }
            replacedFunctions.put(logicalId, handler);
            return this;
        }

        /** Multiplies every Retry delay of the definition; tests shorten them. */
        public Builder retryDelayScale(double retryDelayScale) {
            this.retryDelayScale = retryDelayScale;
            return this;
        }

        /** Where the functions' structured logs go. */
        public Builder logOutput(PrintStream logOutput) {
            this.logOutput = logOutput;
            return this;
        }

        /** The clock of every component. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Sees every state's input and output. */
        public Builder listener(ExecutionListener listener) {
            this.listener = listener;
            return this;
        }

        /**
         * Keeps the provider limits in this process's memory instead of the limits table: for the engine, the
         * one process that calls providers for its data directory (see {@link EngineLeaseStore}).
         */
        public Builder leasesInMemory() {
            this.leasesInMemory = true;
            return this;
        }

        /**
         * Keeps the requests of the jobs this process stores in its memory too, for its items' first reads: for
         * the engine, which runs the items of the jobs it stores (see {@link EngineJobStore}).
         */
        public Builder requestsInMemory() {
            this.requestsInMemory = true;
            return this;
        }

        /** Told as each item ends. */
        public Builder progress(ItemProgress progress) {
            this.progress = progress;
            return this;
        }

        /** Real tools whose findings are added to each kind's own checks (none by default). */
        public Builder externalChecks(List<ExternalCheck> externalChecks) {
            this.externalChecks = List.copyOf(externalChecks);
            return this;
        }

        /** Starts DynamoDB and builds everything. */
        public LocalPipeline build() {
            return new LocalPipeline(this);
        }
    }
}
