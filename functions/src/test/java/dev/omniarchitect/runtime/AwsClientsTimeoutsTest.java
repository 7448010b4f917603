package dev.omniarchitect.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DynamoDB itself gets short attempts; a stand-in named by the endpoint variables gets a local store's. */
class AwsClientsTimeoutsTest {

    @Test
    void dynamoDbItselfGetsThreeSecondAttempts() {
        assertEquals(Duration.ofSeconds(3), AwsClients.dynamoDbTimeouts(Map.of("AWS_REGION", "eu-west-1"))
                .apiCallAttemptTimeout().orElseThrow());
    }

    @Test
    void aStandInEndpointGetsLongerAttempts() {
        Duration attempt = AwsClients.dynamoDbTimeouts(Map.of("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000"))
                .apiCallAttemptTimeout().orElseThrow();
        assertEquals(Duration.ofSeconds(20), attempt);
        assertEquals(attempt, AwsClients.dynamoDbTimeouts(Map.of("AWS_ENDPOINT_URL", "http://localstack:4566"))
                .apiCallAttemptTimeout().orElseThrow());
    }
}
