package dev.omniarchitect.local.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.simple.SimpleLoggerContext;
import org.junit.jupiter.api.Test;

/**
 * DynamoDB Local logs through Log4j's simple logger, not the full implementation that parses an XML
 * configuration and registers JMX beans on a cold engine's start; it still answers, and warnings still reach
 * the log.
 */
class EmbeddedDynamoDbLoggerTest {

    @Test
    void dynamoDbLocalLogsThroughTheSimpleLogger() throws Exception {
        try (EmbeddedDynamoDb dynamoDb = EmbeddedDynamoDb.inMemory()) {
            assertEquals(EmbeddedDynamoDb.SIMPLE_LOGGER, System.getProperty(EmbeddedDynamoDb.LOGGER_FACTORY));
            assertInstanceOf(SimpleLoggerContext.class, LogManager.getContext(false),
                    "Log4j runs its simple logger in this JVM");
            assertTrue(LogManager.getRootLogger().isWarnEnabled(), "warnings are kept");
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(dynamoDb.endpoint())
                    .timeout(Duration.ofSeconds(20))
                    .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                    .header("Content-Type", "application/x-amz-json-1.0")
                    .header("Authorization", "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, "
                            + "SignedHeaders=host, Signature=0")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("TableNames"), answer.body());
        }
    }
}
