package dev.omniarchitect.local.dynamodb;

import dev.omniarchitect.runtime.AwsClients;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One in-memory DynamoDB Local per test class, reached over the functions' async client; fresh tables on demand. */
abstract class DynamoDbLocalTestBase {

    private static final AtomicInteger TABLES = new AtomicInteger();

    static EmbeddedDynamoDb dynamoDb;
    static AwsClients aws;

    @BeforeAll
    static void startDynamoDb() {
        dynamoDb = EmbeddedDynamoDb.inMemory();
        aws = AwsClients.forLocalDynamoDb(dynamoDb.endpoint());
    }

    @AfterAll
    static void stopDynamoDb() {
        aws.close();
        dynamoDb.close();
    }

    /** Creates an empty cache table and jobs table; returns their names, cache first. */
    static String[] freshTables() {
        int n = TABLES.incrementAndGet();
        String[] names = {"cache-" + n, "jobs-" + n};
        LocalTables.ensure(aws.dynamoDb(), names[0], names[1]);
        return names;
    }
}
