package dev.omniarchitect.local.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omniarchitect.handler.ApiHandler;
import dev.omniarchitect.job.ExecutionTimeout;
import dev.omniarchitect.job.ToleratedFailures;
import dev.omniarchitect.job.JobIds;
import dev.omniarchitect.job.JobSubmitter;
import dev.omniarchitect.job.stepfunctions.StepFunctionsExecutionStarter;
import dev.omniarchitect.json.Json;
import dev.omniarchitect.local.dynamodb.LocalTables;
import dev.omniarchitect.local.runtime.LocalFunctions;
import dev.omniarchitect.runtime.AwsClients;
import dev.omniarchitect.runtime.FunctionConfig;
import dev.omniarchitect.runtime.FunctionServices;
import dev.omniarchitect.schedule.s3.S3DocumentSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.sfn.SfnAsyncClient;

/**
 * The deployed shape in LocalStack: the two tables, ProviderCallFunction, AggregateFunction and
 * ReconcileFunction as Java 21 Lambda functions built from functions/, the real state machine definition in
 * Step Functions (once more with an aggregation that always fails, to reach the Catch), and ApiFunction's
 * handler starting executions there through StepFunctionsExecutionStarter. Runs where a Docker engine exists
 * (GitHub's runners); skipped, never failed, where none does.
 *
 * <p>The image is pinned to LocalStack 4.4 (May 2025): from March 2026 LocalStack's images ask for an
 * auth token to start, and 4.4 still starts without one, with DynamoDB, Lambda, S3 and Step Functions.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackPipelineTest {

    static final DockerImageName LOCALSTACK = DockerImageName.parse("localstack/localstack:4.4");

    private static final String CACHE_TABLE = "omni-cache";
    private static final String JOBS_TABLE = "omni-jobs";
    private static final String BUCKET = "omni-artifacts";
    private static final String ROLE = "arn:aws:iam::000000000000:role/omni";
    private static final Path FUNCTIONS_TARGET = Path.of("..", "functions", "target");
    private static final Path EVENTS = Path.of("..", "events");
    private static final Duration JOB_DEADLINE = Duration.ofMinutes(6);

    @Container
    static final LocalStackContainer LOCALSTACK_CONTAINER = new LocalStackContainer(LOCALSTACK)
            .withServices("dynamodb", "lambda", "s3", "stepfunctions", "iam", "sts", "logs");

    private static SdkAsyncHttpClient http;
    private static DynamoDbAsyncClient dynamo;
    private static SfnAsyncClient stepFunctions;
    private static S3AsyncClient s3;
    private static ApiHandler api;
    private static ApiHandler brokenApi;

    @BeforeAll
    static void deploy() throws IOException {
        http = AwsClients.nettyClient();
        dynamo = configure(DynamoDbAsyncClient.builder().httpClient(http)).build();
        stepFunctions = configure(SfnAsyncClient.builder().httpClient(http)).build();
        s3 = configure(S3AsyncClient.builder().httpClient(http)).forcePathStyle(true).build();

        LocalTables.ensure(dynamo, CACHE_TABLE, JOBS_TABLE);
        s3.createBucket(request -> request.bucket(BUCKET)).join();
        s3.putObject(request -> request.bucket(BUCKET).key("functions.zip"),
                AsyncRequestBody.fromBytes(functionsZip())).join();

        Map<String, String> arns;
        try (LambdaAsyncClient lambda = configure(LambdaAsyncClient.builder().httpClient(http)).build()) {
            Map<String, String> environment = Map.of("CACHE_TABLE", CACHE_TABLE, "JOBS_TABLE", JOBS_TABLE,
                    "OMNI_DEFAULT_PROVIDER", "blueprint", "JOB_FILES_BUCKET", BUCKET);
            arns = Map.of(
                    "ProviderCallFunctionArn", createFunction(lambda, LocalFunctions.PROVIDER_CALL,
                            "dev.omniarchitect.handler.ProviderCallHandler::handleRequest", environment),
                    "AggregateFunctionArn", createFunction(lambda, LocalFunctions.AGGREGATE,
                            "dev.omniarchitect.handler.AggregateHandler::handleRequest", environment),
                    "ReconcileFunctionArn", createFunction(lambda, LocalFunctions.RECONCILE,
                            "dev.omniarchitect.handler.ReconcileHandler::handleRequest", environment),
                    // An aggregation that can only fail: its handler class does not exist.
                    "BrokenAggregateFunctionArn", createFunction(lambda, "BrokenAggregateFunction",
                            "dev.omniarchitect.handler.NoSuchHandler::handleRequest", environment));
        }
        String stateMachineArn = createStateMachine("omni-generate", arns, arns.get("AggregateFunctionArn"));
        String brokenStateMachineArn = createStateMachine("omni-generate-broken", arns,
                arns.get("BrokenAggregateFunctionArn"));

        FunctionServices services = new FunctionServices(FunctionConfig.fromEnvironment(Map.of(
                "CACHE_TABLE", CACHE_TABLE, "JOBS_TABLE", JOBS_TABLE, "OMNI_DEFAULT_PROVIDER", "blueprint",
                "STATE_MACHINE_ARN", stateMachineArn, "JOB_FILES_BUCKET", BUCKET)),
                new AwsClients(http, dynamo, stepFunctions, null, s3), new PrintStream(OutputStream.nullOutputStream()),
                Clock.systemUTC());
        api = apiStartingOn(services, stateMachineArn);
        brokenApi = apiStartingOn(services, brokenStateMachineArn);
    }

    private static ApiHandler apiStartingOn(FunctionServices services, String stateMachineArn) {
        return new ApiHandler(services, new JobSubmitter(services.jobs(),
                new StepFunctionsExecutionStarter(stepFunctions, stateMachineArn, services.mapper()), services.jobFiles(),
                new JobIds(services.clock()), services.log(), services.clock()), new S3DocumentSource(s3));
    }

    private static String createStateMachine(String name, Map<String, String> arns, String aggregateArn)
            throws IOException {
        String definition = Files.readString(Path.of("..", "statemachine", "generate.asl.json"))
                .replace("${MaxConcurrency}", "3")
                .replace("${ExecutionTimeoutSeconds}", Integer.toString(ExecutionTimeout.SECONDS))
                .replace("${ProviderCallFunctionArn}", arns.get("ProviderCallFunctionArn"))
                .replace("${AggregateFunctionArn}", aggregateArn)
                .replace("${ReconcileFunctionArn}", arns.get("ReconcileFunctionArn"))
                .replace("${JobFilesBucket}", BUCKET)
                .replace("${ToleratedFailurePercentage}", Integer.toString(ToleratedFailures.DEFAULT_PERCENTAGE));
        return stepFunctions.createStateMachine(request -> request.name(name).definition(definition).roleArn(ROLE))
                .join().stateMachineArn();
    }

    @AfterAll
    static void close() {
        if (http != null) {
            s3.close();
            stepFunctions.close();
            dynamo.close();
            http.close();
        }
    }

    @Test
    void aBatchPostedToTheApiRunsThroughTheStateMachineAndTheFunctions() throws Exception {
        JsonNode accepted = invokeApi(Json.mapper().readTree(Files.readString(EVENTS.resolve("api-post-generations.json"))));
        assertEquals(202, accepted.path("statusCode").asInt(), accepted.toString());
        String jobId = body(accepted).path("jobId").asText();

        JsonNode record = awaitEnd(jobId);

        assertEquals("SUCCEEDED", record.path("status").asText(), record.toString());
        assertEquals(List.of("orders-dockerfile", "orders-k8s"), ids(record));
        JsonNode bundle = invokeApi(get("/v1/generations/" + jobId + "/bundle"));
        assertEquals(200, bundle.path("statusCode").asInt());
        Set<String> entries = new HashSet<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(
                Base64.getDecoder().decode(bundle.path("body").asText())))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.add(entry.getName());
            }
        }
        assertTrue(entries.contains("orders-dockerfile/Dockerfile"), entries.toString());
        assertTrue(entries.contains("orders-k8s/deployment.yaml"), entries.toString());
    }

    @Test
    void aScheduledRunReadsItsDocumentFromS3AndBecomesOneJob() throws Exception {
        String document = Files.readString(EVENTS.resolve("batch-request.json"));
        s3.putObject(request -> request.bucket(BUCKET).key("nightly/fleet.json"),
                AsyncRequestBody.fromString(document)).join();
        ObjectNode event = Json.mapper().createObjectNode();
        event.putObject("scheduledRun").put("name", "omni-localstack").put("scheduledTime", "2026-11-27T03:00:00Z")
                .put("documentS3Uri", "s3://" + BUCKET + "/nightly/fleet.json");

        JsonNode started = invokeApi(event);
        JsonNode redelivered = invokeApi(event);

        assertEquals(started.path("jobId"), redelivered.path("jobId"), "one job per due time");
        assertTrue(redelivered.path("repeated").asBoolean());
        JsonNode record = awaitEnd(started.path("jobId").asText());
        assertEquals("SUCCEEDED", record.path("status").asText(), record.toString());
        assertEquals(Json.mapper().readTree(document).path("items").size(), record.path("items").size());
    }

    @Test
    void anAggregationThatFailsLeavesAFailedJobWithEveryItemAccountedFor() throws Exception {
        JsonNode accepted = invoke(brokenApi,
                Json.mapper().readTree(Files.readString(EVENTS.resolve("api-post-generations.json"))));
        assertEquals(202, accepted.path("statusCode").asInt(), accepted.toString());
        String jobId = body(accepted).path("jobId").asText();

        JsonNode record = awaitEnd(jobId);

        assertEquals("FAILED", record.path("status").asText(), record.toString());
        assertEquals("EXECUTION_FAILED", record.path("summary").path("failure").path("code").asText(),
                record.toString());
        assertEquals(List.of("orders-dockerfile", "orders-k8s"), ids(record), "every item accounted for");
    }

    private static String createFunction(LambdaAsyncClient lambda, String name, String handler,
                                         Map<String, String> environment) {
        String arn = lambda.createFunction(request -> request.functionName(name)
                        .runtime(Runtime.JAVA21)
                        .handler(handler)
                        .role(ROLE)
                        .code(code -> code.s3Bucket(BUCKET).s3Key("functions.zip"))
                        .timeout(120)
                        .memorySize(1024)
                        .environment(variables -> variables.variables(environment)))
                .join().functionArn();
        lambda.waiter().waitUntilFunctionActiveV2(request -> request.functionName(name)).join();
        return arn;
    }

    /** The functions as Lambda deploys a Java zip: every jar under lib/, the functions' own among them. */
    private static byte[] functionsZip() throws IOException {
        Path classpath = FUNCTIONS_TARGET.resolve("runtime-classpath.txt");
        List<Path> jars = new ArrayList<>();
        try (Stream<Path> built = Files.list(FUNCTIONS_TARGET)) {
            built.filter(file -> file.getFileName().toString().matches("omni-functions-.*(?<!-tests)\\.jar"))
                    .forEach(jars::add);
        }
        if (jars.isEmpty() || !Files.exists(classpath)) {
            fail("the LocalStack tests deploy the packaged functions: run mvn -B verify at the root (found "
                    + jars + " and " + classpath + ")");
        }
        for (String jar : Files.readString(classpath).trim().split(java.io.File.pathSeparator)) {
            jars.add(Path.of(jar));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Path jar : jars) {
                zip.putNextEntry(new ZipEntry("lib/" + jar.getFileName()));
                Files.copy(jar, zip);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static JsonNode awaitEnd(String jobId) throws Exception {
        long deadline = System.nanoTime() + JOB_DEADLINE.toNanos();
        while (true) {
            JsonNode response = invokeApi(get("/v1/generations/" + jobId));
            assertEquals(200, response.path("statusCode").asInt(), response.toString());
            JsonNode record = body(response);
            if (Set.of("SUCCEEDED", "PARTIAL", "FAILED").contains(record.path("status").asText())) {
                return record;
            }
            if (System.nanoTime() > deadline) {
                fail("job " + jobId + " did not end in " + JOB_DEADLINE + ": " + record);
            }
            Thread.sleep(1_000);
        }
    }

    private static JsonNode get(String path) throws IOException {
        ObjectNode event = (ObjectNode) Json.mapper().readTree(Files.readString(EVENTS.resolve("api-get-generation.json")));
        event.put("rawPath", path).remove("pathParameters");
        ((ObjectNode) event.path("requestContext").path("http")).put("path", path);
        return event;
    }

    private static JsonNode invokeApi(JsonNode event) throws IOException {
        return invoke(api, event);
    }

    private static JsonNode invoke(ApiHandler handler, JsonNode event) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Json.mapper().writeValueAsBytes(event)), output, null);
        return Json.mapper().readTree(output.toByteArray());
    }

    private static JsonNode body(JsonNode response) throws IOException {
        return Json.mapper().readTree(response.path("body").asText());
    }

    private static List<String> ids(JsonNode record) {
        List<String> ids = new ArrayList<>();
        record.path("items").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    private static <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, ?>> B configure(
            B builder) {
        return builder.endpointOverride(LOCALSTACK_CONTAINER.getEndpoint())
                .region(Region.of(LOCALSTACK_CONTAINER.getRegion()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        LOCALSTACK_CONTAINER.getAccessKey(), LOCALSTACK_CONTAINER.getSecretKey())));
    }
}
