package dev.omniarchitect.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omniarchitect.batch.BatchDefaults;
import dev.omniarchitect.batch.BatchDocumentParser;
import dev.omniarchitect.cache.CacheStore;
import dev.omniarchitect.cache.dynamodb.DynamoDbCacheStore;
import dev.omniarchitect.http.AsyncHttp;
import dev.omniarchitect.cost.PriceTable;
import dev.omniarchitect.job.ItemGenerator;
import dev.omniarchitect.job.JobAggregator;
import dev.omniarchitect.job.JobReader;
import dev.omniarchitect.job.JobReconciler;
import dev.omniarchitect.job.JobFileStore;
import dev.omniarchitect.job.JobStore;
import dev.omniarchitect.job.s3.S3JobFileStore;
import dev.omniarchitect.job.ProviderAttempts;
import dev.omniarchitect.job.dynamodb.DynamoDbJobStore;
import dev.omniarchitect.json.CompressedJson;
import dev.omniarchitect.json.Json;
import dev.omniarchitect.limit.LeaseStore;
import dev.omniarchitect.limit.ProviderLimiter;
import dev.omniarchitect.limit.dynamodb.DynamoDbLeaseStore;
import dev.omniarchitect.kind.AnswerParser;
import dev.omniarchitect.kind.KindRegistry;
import dev.omniarchitect.log.StructuredLog;
import dev.omniarchitect.provider.BuiltInProviders;
import dev.omniarchitect.provider.ProviderContext;
import dev.omniarchitect.provider.ProviderRegistry;
import dev.omniarchitect.kinds.securityreview.SecurityReview;
import dev.omniarchitect.validation.ExternalCheck;
import dev.omniarchitect.validation.ValidatorRegistry;
import dev.omniarchitect.provider.RetryPolicy;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;

/**
 * Everything a function instance needs, built once at initialisation (so SnapStart snapshots it)
 * around one shared Netty HTTP client: stores, providers, the item generator and the aggregator.
 */
public final class FunctionServices {

    /** The most a provider may send back in one response. */
    private static final int MAX_PROVIDER_RESPONSE_BYTES = 8 * 1024 * 1024;

    private final FunctionConfig config;
    private final AwsClients aws;
    private final ObjectMapper mapper;
    private final StructuredLog log;
    private final Clock clock;
    private final KindRegistry kinds;
    private final ProviderRegistry providers;
    private final JobStore jobs;
    private final JobFileStore jobFiles;
    private final CacheStore cache;
    private final PriceTable prices;
    private final ValidatorRegistry validators;
    private final ProviderLimiter limiter;

    public FunctionServices(FunctionConfig config, AwsClients aws, PrintStream logOutput, Clock clock) {
        this(config, aws, logOutput, clock, List.of());
    }

    /** The services, with the findings of these external checks (real tools) added to each kind's own. */
    public FunctionServices(FunctionConfig config, AwsClients aws, PrintStream logOutput, Clock clock,
                            List<ExternalCheck> externalChecks) {
        this(config, aws, logOutput, clock, externalChecks, new DynamoDbLeaseStore(aws.dynamoDb(), config.limitsTable()));
    }

    /**
     * The services with the provider limits kept in that store: the DynamoDB table every instance shares, or
     * the memory of the one process that calls the providers (the local engine).
     */
    public FunctionServices(FunctionConfig config, AwsClients aws, PrintStream logOutput, Clock clock,
                            List<ExternalCheck> externalChecks, LeaseStore leases) {
        this(config, aws, logOutput, clock, externalChecks, leases, UnaryOperator.identity(),
                aws.s3() != null ? new S3JobFileStore(aws.s3(), AwsClients.s3Presigner(aws.s3()),
                        config.jobFilesBucket())
                        : JobFileStore.unavailable(config.jobFilesBucket()));
    }

    /**
     * As above, with the job store as this process keeps it around the jobs table (the local engine keeps what it
     * stores in memory too) and the job files where this process keeps them (the local engine: a directory).
     */
    public FunctionServices(FunctionConfig config, AwsClients aws, PrintStream logOutput, Clock clock,
                            List<ExternalCheck> externalChecks, LeaseStore leases, UnaryOperator<JobStore> jobStore,
                            JobFileStore jobFiles) {
        this.config = config;
        this.jobFiles = jobFiles;
        this.aws = aws;
        this.mapper = Json.mapper();
        this.clock = clock;
        this.log = new StructuredLog(logOutput, mapper, clock);
        this.kinds = KindRegistry.builtIn();
        AsyncHttp http = new AsyncHttp(aws.httpClient(), MAX_PROVIDER_RESPONSE_BYTES, CompletionThreads.create());
        this.providers = BuiltInProviders.registry(config.providerSettings(),
                new SharedClients(http, mapper, clock, aws), config.defaultProvider());
        this.prices = PriceTable.builtIn(mapper);
        // Built once: loading the Kubernetes model types takes a moment that no request should pay.
        this.validators = ValidatorRegistry.builtIn(externalChecks);
        CompressedJson compressed = new CompressedJson(mapper);
        this.jobs = jobStore.apply(new DynamoDbJobStore(aws.dynamoDb(), config.jobsTable(), config.jobRetention(),
                mapper, compressed, clock));
        this.cache = new DynamoDbCacheStore(aws.dynamoDb(), config.cacheTable(), compressed);
        this.limiter = new ProviderLimiter(leases, config.ceilings(), config.tokenBudgets(), log, clock);
    }

    /**
     * The services of a deployed function: environment variables with the provider secret's keys merged
     * in, default AWS clients, logs to stdout.
     */
    public static FunctionServices fromEnvironment() {
        AwsClients aws = AwsClients.fromEnvironment();
        Map<String, String> environment = ProviderSecret.mergeInto(System.getenv(), aws.httpClient(), Json.mapper());
        return new FunctionServices(FunctionConfig.fromEnvironment(environment), aws, System.out, Clock.systemUTC());
    }

    public FunctionConfig config() {
        return config;
    }

    public AwsClients aws() {
        return aws;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public StructuredLog log() {
        return log;
    }

    public Clock clock() {
        return clock;
    }

    public KindRegistry kinds() {
        return kinds;
    }

    public ProviderRegistry providers() {
        return providers;
    }

    public JobStore jobs() {
        return jobs;
    }

    /** Where the items files and Map Run results are: the job files bucket, or the local engine's directory. */
    public JobFileStore jobFiles() {
        return jobFiles;
    }

    public CacheStore cache() {
        return cache;
    }

    /** A parser that fills gaps from this instance's defaults. */
    public BatchDocumentParser batchParser() {
        return new BatchDocumentParser(mapper, kinds,
                new BatchDefaults(providers.defaultProvider(), providers.defaultModels(), config.cacheTtlSeconds()));
    }

    /** The provider-wide limits every provider call of this instance goes through. */
    public ProviderLimiter limiter() {
        return limiter;
    }

    /** The list prices that turn token usage into cost. */
    public PriceTable prices() {
        return prices;
    }

    /** The per-item pipeline. */
    public ItemGenerator itemGenerator() {
        return new ItemGenerator(jobs, cache, new ProviderAttempts(providers, limiter, RetryPolicy.DEFAULT, log, clock), kinds,
                new AnswerParser(), new CompressedJson(mapper), prices, validators,
                new SecurityReview(kinds, validators, mapper), log, clock);
    }

    /** The job finisher. */
    public JobAggregator jobAggregator() {
        return new JobAggregator(jobs, log, clock);
    }

    /** The finisher of jobs whose execution ended without aggregating them. */
    public JobReconciler jobReconciler() {
        return new JobReconciler(jobs, log, clock);
    }

    /** The job reader. */
    public JobReader jobReader() {
        return new JobReader(jobs, clock);
    }

    /** What the instance's providers share: its one HTTP client, and the SDK clients built on it. */
    private record SharedClients(AsyncHttp http, ObjectMapper mapper, Clock clock, AwsClients aws)
            implements ProviderContext {

        @Override
        public <T> T sdkClient(Class<T> type) {
            if (type == BedrockRuntimeAsyncClient.class) {
                return type.cast(aws.bedrock());
            }
            throw new IllegalArgumentException("no shared SDK client of type " + type.getSimpleName());
        }
    }
}
