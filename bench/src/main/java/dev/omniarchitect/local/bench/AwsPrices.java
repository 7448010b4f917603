package dev.omniarchitect.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The AWS list prices the cost figures use, from the dated resource file {@code aws-prices.json}.
 *
 * @param checked                   when the prices were last checked against the pricing pages
 * @param region                    the region they are for
 * @param lambdaPerGbSecondArm64    Lambda compute on arm64
 * @param lambdaPerGbSecondX86      Lambda compute on x86_64
 * @param lambdaPerRequest          one Lambda request
 * @param stateTransition           one Step Functions Standard state transition
 * @param writeRequestUnit          one DynamoDB on-demand write request unit
 * @param readRequestUnit           one DynamoDB on-demand read request unit
 * @param httpApiRequest            one API Gateway HTTP API request
 * @param s3PutRequest              one S3 Standard PUT (or POST, COPY, LIST) request
 * @param s3GetRequest              one S3 Standard GET request
 * @param sources                   the pricing pages
 */
public record AwsPrices(String checked, String region, double lambdaPerGbSecondArm64, double lambdaPerGbSecondX86,
                        double lambdaPerRequest, double stateTransition, double writeRequestUnit,
                        double readRequestUnit, double httpApiRequest, double s3PutRequest, double s3GetRequest,
                        List<String> sources) {

    private static final String RESOURCE = "aws-prices.json";

    public AwsPrices {
        sources = List.copyOf(sources);
    }

    /** The packaged table. */
    public static AwsPrices builtIn() {
        try (InputStream in = AwsPrices.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the build did not package " + RESOURCE);
            }
            JsonNode table = Json.mapper().readTree(in);
            List<String> sources = new ArrayList<>();
            table.path("sources").forEach(source -> sources.add(source.asText()));
            return new AwsPrices(
                    table.path("checked").asText(),
                    table.path("region").asText(),
                    table.path("lambda").path("perGbSecond").path("arm64").asDouble(),
                    table.path("lambda").path("perGbSecond").path("x86_64").asDouble(),
                    table.path("lambda").path("perMillionRequests").asDouble() / 1e6,
                    table.path("stepFunctionsStandard").path("perThousandStateTransitions").asDouble() / 1e3,
                    table.path("dynamoDbOnDemand").path("perMillionWriteRequestUnits").asDouble() / 1e6,
                    table.path("dynamoDbOnDemand").path("perMillionReadRequestUnits").asDouble() / 1e6,
                    table.path("apiGatewayHttpApi").path("perMillionRequests").asDouble() / 1e6,
                    table.path("s3Standard").path("perThousandPutRequests").asDouble() / 1e3,
                    table.path("s3Standard").path("perThousandGetRequests").asDouble() / 1e3,
                    sources);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lambda compute per GB-second on the template's architecture. */
    public double lambdaPerGbSecond(String architecture) {
        return architecture.contains("arm64") ? lambdaPerGbSecondArm64 : lambdaPerGbSecondX86;
    }
}
