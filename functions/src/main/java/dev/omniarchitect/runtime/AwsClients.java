package dev.omniarchitect.runtime;

import dev.omniarchitect.http.NettyClient;
import dev.omniarchitect.provider.bedrock.BedrockSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClientBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClientBuilder;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.S3ServiceClientConfiguration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sfn.SfnAsyncClient;

/**
 * The AWS SDK clients of a function instance, all on one Netty HTTP client that the providers
 * share too. The SDK sets no API-call timeouts by default, so these are set here.
 *
 * @param httpClient     the shared Netty client
 * @param dynamoDb       DynamoDB
 * @param stepFunctions  Step Functions; null in functions that start no executions
 * @param bedrock        Bedrock Runtime; null where no region is configured
 * @param s3             S3, for the job files bucket and scheduled documents; null on one machine, where the job
 *                       files are a directory
 */
public record AwsClients(SdkAsyncHttpClient httpClient, DynamoDbAsyncClient dynamoDb, SfnAsyncClient stepFunctions,
                         BedrockRuntimeAsyncClient bedrock, S3AsyncClient s3) implements AutoCloseable {

    private static final ClientOverrideConfiguration TIMEOUTS = ClientOverrideConfiguration.builder()
            .apiCallTimeout(Duration.ofSeconds(10))
            .apiCallAttemptTimeout(Duration.ofSeconds(3))
            .build();
    /**
     * DynamoDB Local shares the machine with everything else and writes one request at a time: on a busy
     * laptop an attempt may take seconds that DynamoDB never would, and a retried write that had landed
     * would count twice.
     */
    private static final ClientOverrideConfiguration LOCAL_TIMEOUTS = ClientOverrideConfiguration.builder()
            .apiCallTimeout(Duration.ofSeconds(60))
            .apiCallAttemptTimeout(Duration.ofSeconds(20))
            .build();

    /** The shared Netty client ({@link NettyClient}). */
    public static SdkAsyncHttpClient nettyClient() {
        return NettyClient.create();
    }

    /**
     * Clients for a deployed function: region and credentials from the default chains (SnapStart
     * supplies container credentials), endpoints from the standard AWS_ENDPOINT_URL_* variables.
     */
    public static AwsClients fromEnvironment() {
        SdkAsyncHttpClient http = nettyClient();
        DynamoDbAsyncClient dynamo = DynamoDbAsyncClient.builder().httpClient(http)
                .overrideConfiguration(dynamoDbTimeouts(System.getenv())).build();
        SfnAsyncClient sfn = System.getenv("STATE_MACHINE_ARN") == null ? null
                : SfnAsyncClient.builder().httpClient(http).overrideConfiguration(TIMEOUTS).build();
        // A stand-in (LocalStack, a bench's loopback) is addressed path-style: its host has no bucket subdomains.
        S3AsyncClient s3 = S3AsyncClient.builder().httpClient(http).overrideConfiguration(TIMEOUTS)
                .forcePathStyle(standIn(System.getenv())).build();
        return new AwsClients(http, dynamo, sfn, bedrockClient(http, BedrockSettings.fromEnvironment(System.getenv())),
                s3);
    }

    /**
     * DynamoDB's timeouts: an endpoint named by the standard variables is not DynamoDB itself but a stand-in
     * (DynamoDB Local or LocalStack under {@code sam local invoke}, the bench's cold starts), which gets the
     * patience of a local store.
     */
    static ClientOverrideConfiguration dynamoDbTimeouts(Map<String, String> environment) {
        boolean standIn = environment.containsKey("AWS_ENDPOINT_URL_DYNAMODB")
                || environment.containsKey("AWS_ENDPOINT_URL");
        return standIn ? LOCAL_TIMEOUTS : TIMEOUTS;
    }

    /**
     * Signs S3 URLs for callers (uploads) as that client would call: its region, credentials and endpoint, a
     * stand-in's path-style. Signing makes no call.
     */
    public static S3Presigner s3Presigner(S3AsyncClient s3) {
        S3ServiceClientConfiguration configuration = s3.serviceClientConfiguration();
        S3Presigner.Builder builder = S3Presigner.builder()
                .region(configuration.region())
                .credentialsProvider(configuration.credentialsProvider())
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(configuration.endpointOverride().isPresent()).build());
        configuration.endpointOverride().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** Whether S3's endpoint is a stand-in named by the standard variables rather than S3 itself. */
    static boolean standIn(Map<String, String> environment) {
        return environment.containsKey("AWS_ENDPOINT_URL_S3") || environment.containsKey("AWS_ENDPOINT_URL");
    }

    /**
     * Bedrock on the shared client, with the SDK's retries off (the item's retry policy and deadline
     * govern) and credentials from the default chain; null when there is no region to call.
     */
    public static BedrockRuntimeAsyncClient bedrockClient(SdkAsyncHttpClient http, BedrockSettings settings) {
        if (settings.region() == null) {
            return null;
        }
        BedrockRuntimeAsyncClientBuilder builder = BedrockRuntimeAsyncClient.builder()
                .httpClient(http)
                .region(Region.of(settings.region()))
                .overrideConfiguration(override -> override.retryStrategy(AwsRetryStrategy.doNotRetry()));
        if (settings.endpoint() != null) {
            builder.endpointOverride(URI.create(settings.endpoint()));
        }
        return builder.build();
    }

    /** Clients for a DynamoDB endpoint on this machine (DynamoDB Local), with dummy credentials, and no Bedrock. */
    public static AwsClients forLocalDynamoDb(URI endpoint) {
        return forLocalDynamoDb(endpoint, Map.of());
    }

    /**
     * Clients for a DynamoDB endpoint on this machine (DynamoDB Local) with dummy credentials, and Bedrock
     * with the real credential chain when that environment names a region.
     */
    public static AwsClients forLocalDynamoDb(URI endpoint, Map<String, String> environment) {
        SdkAsyncHttpClient http = nettyClient();
        AwsCredentialsProvider dummy = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        DynamoDbAsyncClientBuilder dynamo = DynamoDbAsyncClient.builder()
                .httpClient(http)
                .overrideConfiguration(LOCAL_TIMEOUTS)
                .region(Region.US_EAST_1)
                .credentialsProvider(dummy)
                .endpointOverride(endpoint);
        return new AwsClients(http, dynamo.build(), null,
                bedrockClient(http, BedrockSettings.fromEnvironment(environment)), null);
    }

    @Override
    public void close() {
        dynamoDb.close();
        if (stepFunctions != null) {
            stepFunctions.close();
        }
        if (bedrock != null) {
            bedrock.close();
        }
        if (s3 != null) {
            s3.close();
        }
        httpClient.close();
    }
}
