package dev.omniarchitect.local.dynamodb;

import dev.omniarchitect.cache.dynamodb.DynamoDbCacheStore;
import dev.omniarchitect.job.dynamodb.DynamoDbJobStore;
import dev.omniarchitect.limit.dynamodb.DynamoDbLeaseStore;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Creates the cache, jobs and limits tables as template.yaml declares them, when they do not exist yet. */
public final class LocalTables {

    private LocalTables() {
    }

    /** Ensures both tables exist with their keys and TTL attribute. */
    public static void ensure(DynamoDbAsyncClient dynamo, String cacheTable, String jobsTable) {
        CompletableFuture.allOf(
                create(dynamo, cacheTable, List.of(DynamoDbCacheStore.KEY), DynamoDbCacheStore.TTL_ATTRIBUTE),
                create(dynamo, jobsTable, List.of(DynamoDbJobStore.PARTITION_KEY, DynamoDbJobStore.SORT_KEY),
                        DynamoDbJobStore.TTL_ATTRIBUTE)).join();
    }

    /** Ensures all three tables exist: the cache and jobs tables, and the provider limits' table. */
    public static void ensure(DynamoDbAsyncClient dynamo, String cacheTable, String jobsTable, String limitsTable) {
        ensure(dynamo, cacheTable, jobsTable);
        ensureLimits(dynamo, limitsTable);
    }

    /** Ensures the provider limits' table exists with its keys and TTL attribute. */
    public static void ensureLimits(DynamoDbAsyncClient dynamo, String limitsTable) {
        create(dynamo, limitsTable, List.of(DynamoDbLeaseStore.PARTITION_KEY, DynamoDbLeaseStore.SORT_KEY),
                DynamoDbLeaseStore.TTL_ATTRIBUTE).join();
    }

    private static CompletableFuture<Void> create(DynamoDbAsyncClient dynamo, String table, List<String> keys,
                                                  String ttlAttribute) {
        return dynamo.listTables().thenCompose(existing -> {
            if (existing.tableNames().contains(table)) {
                return CompletableFuture.completedFuture(null);
            }
            return dynamo.createTable(request -> request.tableName(table)
                            .billingMode(BillingMode.PAY_PER_REQUEST)
                            .attributeDefinitions(keys.stream().map(key -> AttributeDefinition.builder()
                                    .attributeName(key).attributeType(ScalarAttributeType.S).build()).toList())
                            .keySchema(keys.stream().map(key -> KeySchemaElement.builder().attributeName(key)
                                    .keyType(key.equals(keys.get(0)) ? KeyType.HASH : KeyType.RANGE).build()).toList()))
                    .thenCompose(created -> dynamo.updateTimeToLive(request -> request.tableName(table)
                            .timeToLiveSpecification(spec -> spec.attributeName(ttlAttribute).enabled(true))))
                    .handle((done, error) -> {
                        if (error != null && !(error.getCause() instanceof ResourceInUseException)) {
                            throw new IllegalStateException("cannot create table " + table, error);
                        }
                        return null;
                    });
        });
    }
}
