package dev.omniarchitect.local.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerFactory;
import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.Test;

/**
 * What DynamoDB Local does on a cold start, in a JVM of its own: it logs through Log4j's simple logger (not the
 * full implementation, which parses an XML configuration and registers JMX beans), its Jetty builds no platform
 * MBean server, it still answers, and a refused condition (routine for the stores) logs nothing, as its own
 * configuration had it, while its errors would still be logged.
 */
class EmbeddedDynamoDbStartTest {

    @Test
    void aColdStartBuildsNoMBeanServerAndLogsThroughTheSimpleLogger() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ColdStart.class.getName())
                .redirectErrorStream(true).start();
        String output;
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                throw new AssertionError("the JVM starting DynamoDB Local did not end within 120 s");
            }
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            process.destroyForcibly();
        }
        List<String> lines = output.lines().filter(line -> line.startsWith("cold-start ")).toList();
        assertEquals(List.of("cold-start answered 200 200 400",
                "cold-start logger org.apache.logging.log4j.simple.SimpleLoggerContext",
                "cold-start errors true",
                "cold-start mbean-servers 0"), lines, output);
        assertTrue(output.lines().allMatch(line -> line.startsWith("cold-start ")),
                "nothing else is logged, no refused condition's stack trace:\n" + output);
    }

    /** Starts DynamoDB Local, asks it one thing and reports what the JVM built for it. */
    public static final class ColdStart {
        public static void main(String[] args) throws IOException, InterruptedException {
            try (EmbeddedDynamoDb dynamoDb = EmbeddedDynamoDb.inMemory()) {
                HttpClient http = HttpClient.newHttpClient();
                int created = call(http, dynamoDb, "CreateTable", """
                        {"TableName": "cold-start", "BillingMode": "PAY_PER_REQUEST",
                         "AttributeDefinitions": [{"AttributeName": "k", "AttributeType": "S"}],
                         "KeySchema": [{"AttributeName": "k", "KeyType": "HASH"}]}""");
                String put = """
                        {"TableName": "cold-start", "Item": {"k": {"S": "one"}},
                         "ConditionExpression": "attribute_not_exists(k)"}""";
                int first = call(http, dynamoDb, "PutItem", put);
                int refused = call(http, dynamoDb, "PutItem", put);
                System.out.println("cold-start answered " + created + " " + first + " " + refused);
                System.out.println("cold-start logger " + LogManager.getContext(false).getClass().getName());
                System.out.println("cold-start errors " + LogManager.getRootLogger().isErrorEnabled());
                // The platform MBean server is made through this factory, which lists every server it made.
                System.out.println("cold-start mbean-servers " + MBeanServerFactory.findMBeanServer(null).size());
            }
        }

        private static int call(HttpClient http, EmbeddedDynamoDb dynamoDb, String action, String body)
                throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(URI.create(dynamoDb.endpoint() + "/"))
                    .timeout(Duration.ofSeconds(30))
                    .header("X-Amz-Target", "DynamoDB_20120810." + action)
                    .header("Content-Type", "application/x-amz-json-1.0")
                    .header("Authorization", "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/"
                            + "aws4_request, SignedHeaders=host, Signature=0")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode();
        }
    }
}
