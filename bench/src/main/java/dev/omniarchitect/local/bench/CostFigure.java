package dev.omniarchitect.local.bench;

import java.util.List;

/**
 * The cost on paper of generating a number of items, from measured durations and request units and
 * the dated price tables, cache hits and misses apart.
 *
 * @param items               items priced
 * @param batchSize           items per job (a Distributed Map runs up to 10,000 in one)
 * @param jobs                jobs they make
 * @param awsPrices           the AWS price table used
 * @param architecture        the functions' architecture (template.yaml)
 * @param transitions         Step Functions state transitions, counted from the definition
 * @param providerModel       the provider and model of the typical item's price
 * @param providerPerItemUsd  what the provider charges for the typical item; null when the model has no price
 * @param providerPricesChecked when the provider price table was last checked
 * @param providerSecondUsd   what each further second a provider takes to answer adds to the Lambda bill of all items
 * @param cases               the cache-miss and cache-hit cases
 */
public record CostFigure(int items, int batchSize, int jobs, AwsPrices awsPrices, String architecture,
                         StateTransitions transitions, String providerModel, Double providerPerItemUsd,
                         String providerPricesChecked, double providerSecondUsd, List<CostCase> cases) {

    public CostFigure {
        cases = List.copyOf(cases);
    }

    /**
     * One case, every item a cache miss or every item a hit.
     *
     * @param name                 "cache miss" or "cache hit"
     * @param lambdaRequests       invocations of every function
     * @param lambdaGbSeconds      billed duration times memory, over every invocation
     * @param functions            the GB-seconds' make-up, per function
     * @param stateTransitions     Step Functions transitions
     * @param readUnits            DynamoDB read request units
     * @param writeUnits           DynamoDB write request units
     * @param apiRequests          API Gateway requests: each job's POST and one GET of its result
     * @param lambdaUsd            Lambda requests and compute
     * @param stepFunctionsUsd     Step Functions
     * @param dynamoDbUsd          DynamoDB
     * @param apiGatewayUsd        API Gateway
     * @param providerUsd          the AI provider; 0 for hits; null when the model has no price
     * @param s3PutRequests        S3 PUTs of the job files bucket (items files, Map Run results); null in figures
     *                             measured before the Distributed Map
     * @param s3GetRequests        S3 GETs of the job files bucket (the ItemReader, the aggregation's reads)
     * @param s3Usd                S3 requests
     */
    public record CostCase(String name, long lambdaRequests, double lambdaGbSeconds, List<FunctionSeconds> functions,
                           long stateTransitions, double readUnits, double writeUnits, long apiRequests,
                           double lambdaUsd, double stepFunctionsUsd, double dynamoDbUsd, double apiGatewayUsd,
                           Double providerUsd, Long s3PutRequests, Long s3GetRequests, Double s3Usd) {

        public CostCase {
            functions = List.copyOf(functions);
        }

        /** Everything AWS bills, the provider left out. */
        public double awsUsd() {
            return lambdaUsd + stepFunctionsUsd + dynamoDbUsd + apiGatewayUsd + (s3Usd == null ? 0 : s3Usd);
        }
    }

    /**
     * One function's share of the GB-seconds.
     *
     * @param function     its logical id
     * @param invocations  how many
     * @param billedMs     the median measured duration, rounded up to the millisecond as Lambda bills it
     * @param memoryMb     its MemorySize
     * @param gbSeconds    invocations x billed seconds x memory in GB
     */
    public record FunctionSeconds(String function, long invocations, long billedMs, int memoryMb, double gbSeconds) {
    }
}
