package dev.omniarchitect.runtime;

import dev.omniarchitect.batch.BatchLimits;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClientBuilder;
import software.amazon.awssdk.services.sfn.SfnAsyncClient;

/**
 * The AWS SDK clients of a function instance, all on one Netty HTTP client that the providers
 * share too. The SDK sets no API-call timeouts by default, so these are set here.
 *
 * @param httpClient     the shared Netty client
 * @param dynamoDb       DynamoDB
 * @param stepFunctions  Step Functions; null in functions that start no executions
 */
public record AwsClients(SdkAsyncHttpClient httpClient, DynamoDbAsyncClient dynamoDb, SfnAsyncClient stepFunctions)
        implements AutoCloseable {

    private static final ClientOverrideConfiguration TIMEOUTS = ClientOverrideConfiguration.builder()
            .apiCallTimeout(Duration.ofSeconds(10))
            .apiCallAttemptTimeout(Duration.ofSeconds(3))
            .build();

    /** The shared Netty client: reads may wait as long as the longest item deadline, item futures cut them sooner. */
    public static SdkAsyncHttpClient nettyClient() {
        return NettyNioAsyncHttpClient.builder()
                .maxConcurrency(64)
                .maxPendingConnectionAcquires(1_000)
                .connectionTimeout(Duration.ofSeconds(5))
                .connectionAcquisitionTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(BatchLimits.MAX_TIMEOUT_SECONDS + 10))
                .writeTimeout(Duration.ofSeconds(30))
                .build();
    }

    /**
     * Clients for a deployed function: region and credentials from the default chains (SnapStart
     * supplies container credentials), endpoints from the standard AWS_ENDPOINT_URL_* variables.
     */
    public static AwsClients fromEnvironment() {
        SdkAsyncHttpClient http = nettyClient();
        DynamoDbAsyncClient dynamo = DynamoDbAsyncClient.builder().httpClient(http).overrideConfiguration(TIMEOUTS)
                .build();
        SfnAsyncClient sfn = System.getenv("STATE_MACHINE_ARN") == null ? null
                : SfnAsyncClient.builder().httpClient(http).overrideConfiguration(TIMEOUTS).build();
        return new AwsClients(http, dynamo, sfn);
    }

    /** Clients for a DynamoDB endpoint on this machine (DynamoDB Local), with dummy credentials. */
    public static AwsClients forLocalDynamoDb(URI endpoint) {
        SdkAsyncHttpClient http = nettyClient();
        AwsCredentialsProvider dummy = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        DynamoDbAsyncClientBuilder dynamo = DynamoDbAsyncClient.builder()
                .httpClient(http)
                .overrideConfiguration(TIMEOUTS)
                .region(Region.US_EAST_1)
                .credentialsProvider(dummy)
                .endpointOverride(endpoint);
        return new AwsClients(http, dynamo.build(), null);
    }

    @Override
    public void close() {
        dynamoDb.close();
        if (stepFunctions != null) {
            stepFunctions.close();
        }
        httpClient.close();
    }
}
