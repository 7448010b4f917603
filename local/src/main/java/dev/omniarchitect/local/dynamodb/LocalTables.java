package dev.omniarchitect.local.dynamodb;

import dev.omniarchitect.cache.dynamodb.DynamoDbCacheStore;
import dev.omniarchitect.job.dynamodb.DynamoDbJobStore;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Creates the cache and jobs tables (and the jobs-by-owner index) as template.yaml declares them, when they do not exist yet. */
public final class LocalTables {

    private LocalTables() {
    }

    /** Ensures both tables exist with their keys and TTL attribute. */
    public static void ensure(DynamoDbAsyncClient dynamo, String cacheTable, String jobsTable) {
        CompletableFuture.allOf(
                create(dynamo, cacheTable, List.of(DynamoDbCacheStore.KEY), DynamoDbCacheStore.TTL_ATTRIBUTE),
                create(dynamo, jobsTable, List.of(DynamoDbJobStore.PARTITION_KEY, DynamoDbJobStore.SORT_KEY),
                        DynamoDbJobStore.TTL_ATTRIBUTE)
                        .thenCompose(created -> ensureOwnerIndex(dynamo, jobsTable))).join();
    }

    /** Adds the jobs-by-owner index to a jobs table made before it existed (a data directory kept across versions). */
    private static CompletableFuture<Void> ensureOwnerIndex(DynamoDbAsyncClient dynamo, String table) {
        return dynamo.describeTable(request -> request.tableName(table)).thenCompose(described -> {
            if (described.table().globalSecondaryIndexes().stream()
                    .anyMatch(index -> index.indexName().equals(DynamoDbJobStore.BY_OWNER_INDEX))) {
                return CompletableFuture.completedFuture(null);
            }
            return dynamo.updateTable(request -> request.tableName(table)
                    .attributeDefinitions(stringAttributes(List.of(DynamoDbJobStore.OWNER, DynamoDbJobStore.CREATED_AT)))
                    .globalSecondaryIndexUpdates(update -> update.create(index -> index
                            .indexName(DynamoDbJobStore.BY_OWNER_INDEX)
                            .keySchema(keySchema(List.of(DynamoDbJobStore.OWNER, DynamoDbJobStore.CREATED_AT)))
                            .projection(projection -> projection.projectionType(ProjectionType.ALL)))))
                    .thenApply(updated -> null);
        });
    }

    private static List<AttributeDefinition> stringAttributes(List<String> names) {
        return names.stream().map(name -> AttributeDefinition.builder()
                .attributeName(name).attributeType(ScalarAttributeType.S).build()).toList();
    }

    private static List<KeySchemaElement> keySchema(List<String> keys) {
        return keys.stream().map(key -> KeySchemaElement.builder().attributeName(key)
                .keyType(key.equals(keys.get(0)) ? KeyType.HASH : KeyType.RANGE).build()).toList();
    }

    private static CompletableFuture<Void> create(DynamoDbAsyncClient dynamo, String table, List<String> keys,
                                                  String ttlAttribute) {
        return dynamo.listTables().thenCompose(existing -> {
            if (existing.tableNames().contains(table)) {
                return CompletableFuture.completedFuture(null);
            }
            return dynamo.createTable(request -> request.tableName(table)
                            .billingMode(BillingMode.PAY_PER_REQUEST)
                            .attributeDefinitions(stringAttributes(keys))
                            .keySchema(keySchema(keys)))
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
