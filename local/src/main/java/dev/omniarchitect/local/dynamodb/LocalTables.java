package dev.omniarchitect.local.dynamodb;

import dev.omniarchitect.cache.dynamodb.DynamoDbCacheStore;
import dev.omniarchitect.dynamodb.BatchWriter;
import dev.omniarchitect.job.dynamodb.DynamoDbJobStore;
import dev.omniarchitect.limit.dynamodb.DynamoDbLeaseStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Creates the cache, jobs (with its jobs-by-owner index) and limits tables as template.yaml declares them, when
 * they do not exist yet.
 */
public final class LocalTables {

    private LocalTables() {
    }

    /** Ensures both tables exist with their keys and TTL attribute. */
    public static void ensure(DynamoDbAsyncClient dynamo, String cacheTable, String jobsTable) {
        // A fresh store on a busy machine can take longer than one call's timeout to create a table: a few
        // attempts, each finding what the one before created. Only the creation is tried again.
        for (int attempt = 1; ; attempt++) {
            try {
                CompletableFuture.allOf(
                        create(dynamo, cacheTable, List.of(DynamoDbCacheStore.KEY), DynamoDbCacheStore.TTL_ATTRIBUTE,
                                null),
                        create(dynamo, jobsTable, List.of(DynamoDbJobStore.PARTITION_KEY, DynamoDbJobStore.SORT_KEY),
                                DynamoDbJobStore.TTL_ATTRIBUTE, OWNER_INDEX)).join();
                break;
            } catch (java.util.concurrent.CompletionException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                try {
                    Thread.sleep(500L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        ensureOwnerIndex(dynamo, jobsTable).join();
    }

    private static final GlobalSecondaryIndex OWNER_INDEX = GlobalSecondaryIndex.builder()
            .indexName(DynamoDbJobStore.BY_OWNER_INDEX)
            .keySchema(keySchema(List.of(DynamoDbJobStore.OWNER, DynamoDbJobStore.CREATED_AT)))
            .projection(projection -> projection.projectionType(ProjectionType.ALL))
            .build();

    /**
     * Gives a jobs table made before the jobs-by-owner index existed (a data directory kept across versions)
     * that index. DynamoDB Local does not add an index to a table reliably (later writes fail), so the table
     * is made again with it: its records are read, the table dropped and created as now, and they are written
     * back, the headers of jobs from before owners were recorded with the local owner (so the index has them).
     */
    private static CompletableFuture<Void> ensureOwnerIndex(DynamoDbAsyncClient dynamo, String table) {
        return dynamo.describeTable(request -> request.tableName(table)).thenCompose(described -> {
            if (described.table().globalSecondaryIndexes().stream()
                    .anyMatch(index -> index.indexName().equals(OWNER_INDEX.indexName()))) {
                return CompletableFuture.completedFuture(null);
            }
            List<WriteRequest> records = Collections.synchronizedList(new ArrayList<>());
            return dynamo.scanPaginator(request -> request.tableName(table)).items()
                    .subscribe(item -> records.add(BatchWriter.put(DynamoDbJobStore.withOwner(item))))
                    .thenCompose(read -> dynamo.deleteTable(request -> request.tableName(table)))
                    .thenCompose(deleted -> create(dynamo, table,
                            List.of(DynamoDbJobStore.PARTITION_KEY, DynamoDbJobStore.SORT_KEY),
                            DynamoDbJobStore.TTL_ATTRIBUTE, OWNER_INDEX))
                    .thenCompose(created -> new BatchWriter(dynamo, table).writeAll(List.copyOf(records)));
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

    /** Ensures all three tables exist: the cache and jobs tables, and the provider limits' table. */
    public static void ensure(DynamoDbAsyncClient dynamo, String cacheTable, String jobsTable, String limitsTable) {
        ensure(dynamo, cacheTable, jobsTable);
        ensureLimits(dynamo, limitsTable);
    }

    /** Ensures the provider limits' table exists with its keys and TTL attribute. */
    public static void ensureLimits(DynamoDbAsyncClient dynamo, String limitsTable) {
        create(dynamo, limitsTable, List.of(DynamoDbLeaseStore.PARTITION_KEY, DynamoDbLeaseStore.SORT_KEY),
                DynamoDbLeaseStore.TTL_ATTRIBUTE, null).join();
    }

    private static final int ATTEMPTS = 5;

    private static CompletableFuture<Void> create(DynamoDbAsyncClient dynamo, String table, List<String> keys,
                                                  String ttlAttribute, GlobalSecondaryIndex index) {
        return dynamo.listTables().thenCompose(existing -> {
            if (existing.tableNames().contains(table)) {
                return CompletableFuture.completedFuture(null);
            }
            return dynamo.createTable(request -> {
                        request.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST).keySchema(keySchema(keys));
                        if (index == null) {
                            request.attributeDefinitions(stringAttributes(keys));
                        } else {
                            request.attributeDefinitions(stringAttributes(Stream.concat(keys.stream(),
                                    index.keySchema().stream().map(KeySchemaElement::attributeName)).toList()))
                                    .globalSecondaryIndexes(index);
                        }
                    })
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
