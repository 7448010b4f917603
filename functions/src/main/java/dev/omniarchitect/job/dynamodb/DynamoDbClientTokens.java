package dev.omniarchitect.job.dynamodb;

import dev.omniarchitect.dynamodb.StorageFailures;
import dev.omniarchitect.job.ClientTokens;
import dev.omniarchitect.job.TokenClaim;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Client tokens in the jobs table, one record {@code ("token#<token>", "token")} each, written with a
 * condition so that of two concurrent requests with the same token exactly one claims it. Records
 * expire with the jobs they name.
 */
public final class DynamoDbClientTokens implements ClientTokens {

    private static final String PREFIX = "token#";
    private static final String SORT_KEY_VALUE = "token";

    private final DynamoDbAsyncClient dynamo;
    private final String table;
    private final Duration retention;

    public DynamoDbClientTokens(DynamoDbAsyncClient dynamo, String table, Duration retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
    }

    @Override
    public CompletableFuture<Optional<TokenClaim>> claim(TokenClaim claim) {
        Map<String, AttributeValue> item = new HashMap<>(key(claim.token()));
        item.putAll(attributes(claim));
        return dynamo.putItem(request -> request.tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(#pk)")
                        .expressionAttributeNames(Map.of("#pk", DynamoDbJobStore.PARTITION_KEY)))
                .thenApply(written -> Optional.<TokenClaim>empty())
                .exceptionallyCompose(error -> isConditionFailure(error)
                        // Released between our write and this read: the token is free again.
                        ? held(claim.token()).thenCompose(held -> held.isPresent()
                                ? CompletableFuture.completedFuture(held) : claim(claim))
                        : CompletableFuture.failedFuture(StorageFailures.passingAsUnavailable(error,
                                "claiming a client token in " + table)));
    }

    @Override
    public CompletableFuture<Boolean> replace(TokenClaim stale, TokenClaim fresh) {
        Map<String, AttributeValue> values = new HashMap<>();
        attributes(fresh).forEach((name, value) -> values.put(":" + name, value));
        values.put(":stale", AttributeValue.fromS(stale.jobId()));
        return dynamo.updateItem(request -> request.tableName(table).key(key(stale.token()))
                        .conditionExpression("claimedJob = :stale")
                        .updateExpression("SET bodyHash = :bodyHash, claimedJob = :claimedJob, "
                                + "claimedAt = :claimedAt, #ttl = :" + DynamoDbJobStore.TTL_ATTRIBUTE)
                        .expressionAttributeNames(Map.of("#ttl", DynamoDbJobStore.TTL_ATTRIBUTE))
                        .expressionAttributeValues(values))
                .thenApply(updated -> true)
                .exceptionallyCompose(error -> isConditionFailure(error)
                        ? CompletableFuture.completedFuture(false)
                        : CompletableFuture.failedFuture(error));
    }

    @Override
    public CompletableFuture<Void> release(TokenClaim claim) {
        return dynamo.deleteItem(request -> request.tableName(table).key(key(claim.token()))
                        .conditionExpression("claimedJob = :job")
                        .expressionAttributeValues(Map.of(":job", AttributeValue.fromS(claim.jobId()))))
                .handle((deleted, error) -> null);
    }

    private CompletableFuture<Optional<TokenClaim>> held(String token) {
        return dynamo.getItem(request -> request.tableName(table).consistentRead(true).key(key(token)))
                .thenApply(response -> {
                    if (!response.hasItem() || response.item().isEmpty()) {
                        return Optional.empty();
                    }
                    Map<String, AttributeValue> item = response.item();
                    return Optional.of(new TokenClaim(token, item.get("bodyHash").s(), item.get("claimedJob").s(),
                            Instant.parse(item.get("claimedAt").s())));
                });
    }

    private Map<String, AttributeValue> attributes(TokenClaim claim) {
        return Map.of(
                "bodyHash", AttributeValue.fromS(claim.bodyHash()),
                "claimedJob", AttributeValue.fromS(claim.jobId()),
                "claimedAt", AttributeValue.fromS(claim.claimedAt().toString()),
                DynamoDbJobStore.TTL_ATTRIBUTE,
                AttributeValue.fromN(Long.toString(claim.claimedAt().plus(retention).getEpochSecond())));
    }

    private static Map<String, AttributeValue> key(String token) {
        return Map.of(DynamoDbJobStore.PARTITION_KEY, AttributeValue.fromS(PREFIX + token),
                DynamoDbJobStore.SORT_KEY, AttributeValue.fromS(SORT_KEY_VALUE));
    }

    private static boolean isConditionFailure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof ConditionalCheckFailedException;
    }
}
