package dev.omniarchitect.template;

import static dev.omniarchitect.template.TemplateModel.DEFINITION;
import static dev.omniarchitect.template.TemplateModel.actions;
import static dev.omniarchitect.template.TemplateModel.branches;
import static dev.omniarchitect.template.TemplateModel.grants;
import static dev.omniarchitect.template.TemplateModel.properties;
import static dev.omniarchitect.template.TemplateModel.ref;
import static dev.omniarchitect.template.TemplateModel.resource;
import static dev.omniarchitect.template.TemplateModel.resources;
import static dev.omniarchitect.template.TemplateModel.resourcesOfType;
import static dev.omniarchitect.template.TemplateModel.statements;
import static dev.omniarchitect.template.TemplateModel.template;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.omniarchitect.api.GenerationsApi;
import dev.omniarchitect.api.RouteKey;
import dev.omniarchitect.cache.dynamodb.DynamoDbCacheStore;
import dev.omniarchitect.job.MaxConcurrency;
import dev.omniarchitect.job.dynamodb.DynamoDbJobStore;
import dev.omniarchitect.limit.ProviderCeilings;
import dev.omniarchitect.limit.TokenBudgets;
import dev.omniarchitect.limit.dynamodb.DynamoDbLeaseStore;
import dev.omniarchitect.job.ToleratedFailures;
import dev.omniarchitect.job.Uploads;
import dev.omniarchitect.json.Json;
import dev.omniarchitect.provider.BuiltInProviders;
import dev.omniarchitect.provider.ProviderDefinition;
import dev.omniarchitect.schedule.ScheduledRun;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** template.yaml, read as CloudFormation reads it, against the code and the state machine definition. */
class TemplateConsistencyTest {

    private static final Set<String> ACTIONS_ONLY_GRANTED_ON_ANY_RESOURCE = Set.of(
            "xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets",
            "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery",
            "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies",
            "logs:DescribeLogGroups");

    private static final JsonNode template = template();

    @Test
    void everyFunctionHandlerIsALambdaHandlerClassOfFunctions() throws ReflectiveOperationException {
        List<String> functions = resourcesOfType("AWS::Serverless::Function");
        assertEquals(Set.of("ApiFunction", "ProviderCallFunction", "AggregateFunction", "ReconcileFunction"),
                Set.copyOf(functions));
        for (String function : functions) {
            String handler = properties(function).path("Handler").asText();
            assertTrue(handler.matches("[a-z.]+\\.[A-Z][A-Za-z]+::handleRequest"), function + ": " + handler);
            Class<?> type = Class.forName(handler.substring(0, handler.indexOf("::")));
            assertTrue(RequestStreamHandler.class.isAssignableFrom(type) || RequestHandler.class.isAssignableFrom(type),
                    handler + " must implement a Lambda handler interface");
            type.getConstructor();
            Method method = type.getMethod("handleRequest", java.io.InputStream.class, OutputStream.class,
                    com.amazonaws.services.lambda.runtime.Context.class);
            assertTrue(java.lang.reflect.Modifier.isPublic(method.getModifiers()));
        }
        JsonNode globals = template.path("Globals").path("Function");
        assertEquals("functions", globals.path("CodeUri").asText());
        assertEquals("java21", globals.path("Runtime").asText());
        assertEquals("arm64", globals.path("Architectures").path(0).asText());
        assertEquals("Active", globals.path("Tracing").asText());
        assertEquals("PublishedVersions", globals.path("SnapStart").path("ApplyOn").asText());
        assertEquals("live", globals.path("AutoPublishAlias").asText());
    }

    @Test
    void everyPlaceholderOfTheDefinitionHasADefinitionSubstitution() throws IOException {
        JsonNode machine = properties("GenerateStateMachine");
        assertEquals("statemachine/generate.asl.json", machine.path("DefinitionUri").asText());
        Set<String> placeholders = new TreeSet<>();
        Matcher matcher = Pattern.compile("\\$\\{([^}]+)}").matcher(Files.readString(DEFINITION));
        while (matcher.find()) {
            placeholders.add(matcher.group(1));
        }
        assertFalse(placeholders.isEmpty());
        Set<String> substitutions = new TreeSet<>();
        machine.path("DefinitionSubstitutions").fieldNames().forEachRemaining(substitutions::add);
        assertEquals(placeholders, substitutions, "each ${...} of the definition needs a substitution, and no more");
        assertEquals(ref("MaxConcurrency"), machine.path("DefinitionSubstitutions").path("MaxConcurrency"));
        assertEquals(3, template.path("Parameters").path("MaxConcurrency").path("Default").asInt());
        assertTrue(machine.path("Tracing").path("Enabled").asBoolean());
        assertEquals("StateMachineLogGroup", machine.path("Logging").path("Destinations").path(0)
                .path("CloudWatchLogsLogGroup").path("LogGroupArn").path("Fn::GetAtt").path(0).asText());
    }

    @Test
    void everyFunctionTheStateMachineCallsIsInItsPoliciesByItsAlias() throws IOException {
        JsonNode machine = properties("GenerateStateMachine");
        JsonNode definition = TemplateModel.definition();
        Set<String> called = new HashSet<>();
        collectFunctionNames(definition, called);
        assertEquals(Set.of("${ProviderCallFunctionArn}", "${AggregateFunctionArn}", "${ReconcileFunctionArn}"), called);
        List<JsonNode> invokable = statements(machine).stream()
                .filter(statement -> actions(statement).contains("lambda:InvokeFunction"))
                .flatMap(statement -> resources(statement).stream())
                .toList();
        for (String placeholder : called) {
            JsonNode function = machine.path("DefinitionSubstitutions").path(placeholder.substring(2,
                    placeholder.length() - 1));
            assertTrue(function.path("Ref").asText().endsWith(".Alias"),
                    placeholder + " must name a published alias, so SnapStart runs: " + function);
            assertTrue(invokable.contains(function), placeholder + " = " + function + " is not in the policies "
                    + invokable);
            String functionId = function.path("Ref").asText().replace(".Alias", "");
            assertEquals("AWS::Serverless::Function", resource(functionId).path("Type").asText());
        }
    }

    /**
     * The Distributed Map reads each job's items file from the job files bucket and writes its Map Run's files
     * there, and the state machine's role may do exactly that: start child executions of itself, follow and
     * stop them, read jobs/ and write the ResultWriter's prefix.
     */
    @Test
    void theDistributedMapUsesTheJobFilesBucketAndTheStateMachineMayRunIt() throws IOException {
        JsonNode machine = properties("GenerateStateMachine");
        JsonNode substitutions = machine.path("DefinitionSubstitutions");
        JsonNode map = TemplateModel.definition().path("States").path("GenerateItems");
        assertEquals("DISTRIBUTED", map.path("ItemProcessor").path("ProcessorConfig").path("Mode").asText());
        assertEquals("STANDARD", map.path("ItemProcessor").path("ProcessorConfig").path("ExecutionType").asText());

        // Both ends of the Map name the bucket by the ${JobFilesBucket} placeholder, which is the stack's bucket.
        JsonNode reader = map.path("ItemReader");
        JsonNode writer = map.path("ResultWriter");
        assertEquals("arn:aws:states:::s3:getObject", reader.path("Resource").asText());
        assertEquals(TemplateModel.SAMPLE_BUCKET, reader.path("Parameters").path("Bucket").asText());
        assertEquals("arn:aws:states:::s3:putObject", writer.path("Resource").asText());
        assertEquals(TemplateModel.SAMPLE_BUCKET, writer.path("Parameters").path("Bucket").asText());
        assertEquals(ref("JobFilesBucket"), substitutions.path("JobFilesBucket"));
        assertEquals("AWS::S3::Bucket", resource("JobFilesBucket").path("Type").asText());

        // The tolerated share of failed children is the parameter, 0 to 100.
        assertEquals(TemplateModel.SAMPLE_TOLERATED_FAILURE_PERCENTAGE, map.path("ToleratedFailurePercentage").asInt());
        assertTrue(map.path("ToleratedFailurePercentage").isNumber(), "a number, not a string");
        assertEquals(ref("ToleratedFailurePercentage"), substitutions.path("ToleratedFailurePercentage"));
        JsonNode tolerated = template.path("Parameters").path("ToleratedFailurePercentage");
        assertEquals("Number", tolerated.path("Type").asText());
        // One setting: the template's bounds and default are the local pipeline's (job.ToleratedFailures).
        assertEquals(ToleratedFailures.MIN_PERCENTAGE, tolerated.path("MinValue").asInt(-1));
        assertEquals(ToleratedFailures.MAX_PERCENTAGE, tolerated.path("MaxValue").asInt());
        assertEquals(ToleratedFailures.DEFAULT_PERCENTAGE, tolerated.path("Default").asInt(-1));

        // Its own ARN from its Name: a Ref to the state machine in its own policies would be a circular one.
        String name = machine.path("Name").path("Fn::Sub").asText();
        assertTrue(name.contains("${AWS::StackName}"), "a name per stack: " + machine.path("Name"));
        assertFalse(machine.path("Policies").toString().contains("GenerateStateMachine"),
                "the state machine's policies must not refer to it by its logical id");
        String arn = "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:";
        assertEquals(Set.of(
                "states:StartExecution " + arn + "stateMachine:" + name,
                // A Map Run's children: execution:<name>/<label>:<id>; and the state machine's own executions.
                "states:DescribeExecution " + arn + "execution:" + name + "/*",
                "states:DescribeExecution " + arn + "execution:" + name + ":*",
                "states:StopExecution " + arn + "execution:" + name + "/*",
                "states:StopExecution " + arn + "execution:" + name + ":*"), grants("GenerateStateMachine", "states:"));

        // The files: ApiFunction writes the items file where the ItemReader may read it, and AggregateFunction
        // reads the ResultWriter's files where the Map may write them.
        Set<String> machineObjects = grants("GenerateStateMachine", "s3:");
        assertTrue(grants("ApiFunction", "s3:").contains("s3:PutObject ${JobFilesBucket.Arn}/jobs/*"));
        assertTrue(machineObjects.contains("s3:GetObject ${JobFilesBucket.Arn}/jobs/*"), machineObjects.toString());
        String results = "${JobFilesBucket.Arn}/" + writer.path("Parameters").path("Prefix").asText() + "/*";
        for (String action : List.of("s3:PutObject", "s3:GetObject", "s3:ListMultipartUploadParts",
                "s3:AbortMultipartUpload")) {
            assertTrue(machineObjects.contains(action + " " + results), action + " on " + results + ": " + machineObjects);
        }
        assertTrue(grants("AggregateFunction", "s3:").contains("s3:GetObject " + results));
    }

    @Test
    void everyTableHasTheCodesKeysTtlEncryptionAndRecovery() {
        Map<String, List<String>> keys = Map.of(
                "CacheTable", List.of(DynamoDbCacheStore.KEY),
                "JobsTable", List.of(DynamoDbJobStore.PARTITION_KEY, DynamoDbJobStore.SORT_KEY),
                "LimitsTable", List.of(DynamoDbLeaseStore.PARTITION_KEY, DynamoDbLeaseStore.SORT_KEY));
        Map<String, String> ttl = Map.of("CacheTable", DynamoDbCacheStore.TTL_ATTRIBUTE,
                "JobsTable", DynamoDbJobStore.TTL_ATTRIBUTE, "LimitsTable", DynamoDbLeaseStore.TTL_ATTRIBUTE);
        for (String table : keys.keySet()) {
            JsonNode properties = properties(table);
            assertEquals("AWS::DynamoDB::Table", resource(table).path("Type").asText());
            assertTrue(properties.path("TimeToLiveSpecification").path("Enabled").asBoolean(), table + " TTL");
            assertEquals(ttl.get(table), properties.path("TimeToLiveSpecification").path("AttributeName").asText());
            assertEquals(keys.get(table), StreamSupport.stream(properties.path("KeySchema").spliterator(), false)
                    .map(key -> key.path("AttributeName").asText()).toList());
            assertEquals("PAY_PER_REQUEST", properties.path("BillingMode").asText());
            assertTrue(properties.path("SSESpecification").path("SSEEnabled").asBoolean(), table + " encryption");
            assertTrue(properties.path("PointInTimeRecoverySpecification").path("PointInTimeRecoveryEnabled")
                    .asBoolean(), table + " point-in-time recovery");
        }
    }

    @Test
    void theApiHasNoRouteWithoutAuthentication() {
        List<String> routes = resourcesOfType("AWS::ApiGatewayV2::Route");
        assertFalse(routes.isEmpty());
        for (String route : routes) {
            JsonNode properties = properties(route);
            List<JsonNode> authorizations = branches(properties.path("AuthorizationType"));
            for (JsonNode authorization : authorizations) {
                assertTrue(Set.of("AWS_IAM", "JWT").contains(authorization.asText()),
                        route + " must require IAM or JWT, not " + authorization);
            }
            assertTrue(authorizations.stream().anyMatch(type -> type.asText().equals("AWS_IAM")),
                    route + ": IAM must be the default");
            assertEquals(JsonNodeFactory.instance.objectNode().set("Fn::Sub",
                    JsonNodeFactory.instance.textNode("integrations/${OmniApiIntegration}")), properties.path("Target"));
            List<JsonNode> authorizers = branches(properties.path("AuthorizerId"));
            assertTrue(authorizers.contains(ref("OmniApiJwtAuthorizer")), route + " needs the JWT authorizer with JWT");
        }
        assertEquals("JWT", properties("OmniApiJwtAuthorizer").path("AuthorizerType").asText());
        // Nothing reaches a function around the API's authorization.
        for (String function : resourcesOfType("AWS::Serverless::Function")) {
            properties(function).path("Events").forEach(event -> assertFalse(
                    Set.of("Api", "HttpApi").contains(event.path("Type").asText()),
                    function + " has an API event outside the authorized routes"));
            assertTrue(properties(function).path("FunctionUrlConfig").isMissingNode(), function + " has a URL");
        }
        assertTrue(resourcesOfType("AWS::Serverless::HttpApi").isEmpty());
        assertTrue(resourcesOfType("AWS::Serverless::Api").isEmpty());
        JsonNode permission = properties("ApiFunctionApiPermission");
        assertEquals("apigateway.amazonaws.com", permission.path("Principal").asText());
        assertTrue(permission.path("SourceArn").path("Fn::Sub").asText().endsWith(":${OmniApi}/*"));
    }

    @Test
    void theRoutesAreTheApisRoutesAndEverythingElseReachesItsProblemDocuments() {
        Set<String> declared = resourcesOfType("AWS::ApiGatewayV2::Route").stream()
                .map(route -> properties(route).path("RouteKey").asText())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> expected = GenerationsApi.ROUTES.stream().map(RouteKey::toString)
                .collect(Collectors.toCollection(TreeSet::new));
        expected.add("$default");
        assertEquals(expected, declared);
        JsonNode stage = properties("OmniApiStage");
        assertEquals("$default", stage.path("StageName").asText());
        assertEquals(ref("ApiThrottlingBurstLimit"), stage.path("DefaultRouteSettings").path("ThrottlingBurstLimit"));
        assertEquals(ref("ApiThrottlingRateLimit"), stage.path("DefaultRouteSettings").path("ThrottlingRateLimit"));
        assertTrue(stage.path("AccessLogSettings").path("Format").asText().contains("$context.requestId"));
        JsonNode integration = properties("OmniApiIntegration");
        assertEquals("2.0", integration.path("PayloadFormatVersion").asText());
        assertEquals(ref("ApiFunction.Alias"), integration.path("IntegrationUri"));
        assertTrue(integration.path("TimeoutInMillis").asInt() <= 30_000);
    }

    @Test
    void policiesGrantOnlyWhatEachFunctionUses() {
        for (String resource : resourcesOfType("AWS::Serverless::Function", "AWS::Serverless::StateMachine")) {
            for (JsonNode policy : properties(resource).path("Policies")) {
                assertTrue(policy.has("Statement"), resource + " uses a managed or template policy: " + policy);
            }
            for (JsonNode statement : statements(properties(resource))) {
                assertEquals("Allow", statement.path("Effect").asText());
                for (String action : actions(statement)) {
                    assertFalse(action.contains("*"), resource + " grants a wildcard action " + action);
                    if (resources(statement).contains(JsonNodeFactory.instance.textNode("*"))) {
                        assertTrue(ACTIONS_ONLY_GRANTED_ON_ANY_RESOURCE.contains(action),
                                resource + " grants " + action + " on every resource");
                    }
                    if (action.startsWith("bedrock:")) {
                        assertEquals("bedrock:InvokeModel", action);
                    }
                    if (action.startsWith("secretsmanager:")) {
                        assertEquals("secretsmanager:GetSecretValue", action);
                        assertEquals(List.of(ref("ProviderSecretArn")), resources(statement));
                    }
                    if (action.startsWith("states:")) {
                        assertTrue(Set.of("ApiFunction", "GenerateStateMachine").contains(resource),
                                resource + " grants " + action);
                    }
                }
            }
        }
        // S3: ApiFunction reads the scheduled document, writes each job's items file, and signs and reads the
        // uploads under uploads/ (Uploads.PREFIX); the state machine
        // reads that file (ItemReader) and writes its Map Runs' files (ResultWriter), which AggregateFunction
        // reads. Nothing more, and nothing on the whole bucket.
        Set<String> apiObjects = new TreeSet<>(grants("ApiFunction", "s3:"));
        Set<String> scheduleDocument = apiObjects.stream().filter(grant -> grant.contains("ScheduleDocumentS3Uri"))
                .collect(Collectors.toSet());
        assertEquals(1, scheduleDocument.size(), "the scheduled document: " + apiObjects);
        assertTrue(scheduleDocument.iterator().next().startsWith(
                "s3:GetObject {\"Fn::Sub\":[\"arn:${AWS::Partition}:s3:::${Object}\""), scheduleDocument.toString());
        apiObjects.removeAll(scheduleDocument);
        assertEquals(Set.of("s3:PutObject ${JobFilesBucket.Arn}/jobs/*",
                "s3:PutObject ${JobFilesBucket.Arn}/" + Uploads.PREFIX + "*",
                "s3:GetObject ${JobFilesBucket.Arn}/" + Uploads.PREFIX + "*"), apiObjects);
        assertEquals(Set.of("s3:GetObject ${JobFilesBucket.Arn}/map-runs/*"), grants("AggregateFunction", "s3:"));
        assertEquals(Set.of(), grants("ProviderCallFunction", "s3:"));
        assertEquals(Set.of(), grants("ReconcileFunction", "s3:"));
        assertEquals(Set.of("s3:GetObject ${JobFilesBucket.Arn}/jobs/*",
                "s3:PutObject ${JobFilesBucket.Arn}/map-runs/*",
                "s3:GetObject ${JobFilesBucket.Arn}/map-runs/*",
                "s3:ListMultipartUploadParts ${JobFilesBucket.Arn}/map-runs/*",
                "s3:AbortMultipartUpload ${JobFilesBucket.Arn}/map-runs/*"), grants("GenerateStateMachine", "s3:"));
        assertEquals(Set.of("states:StartExecution Ref GenerateStateMachine"), grants("ApiFunction", "states:"));
        assertEquals(Set.of(), tablesWith("AggregateFunction", "dynamodb:Scan"));
        // ProviderCallFunction deletes nothing but its own leases.
        assertEquals(Set.of("LimitsTable"), tablesWith("ProviderCallFunction", "dynamodb:DeleteItem"));
        assertEquals(Set.of("CacheTable"), tablesWith("ApiFunction", "dynamodb:Scan"));
        assertEquals(Set.of("CacheTable", "JobsTable", "LimitsTable"),
                tablesWith("ProviderCallFunction", "dynamodb:PutItem"));
        assertEquals(Set.of("JobsTable"), tablesWith("AggregateFunction", "dynamodb:UpdateItem"));
        // The cache's counters, and the marker of an item calling its provider.
        assertEquals(Set.of("CacheTable", "JobsTable"), tablesWith("ProviderCallFunction", "dynamodb:UpdateItem"));
        // ProviderCallFunction reads a job's requests in one query; AggregateFunction the records of a job's
        // item ids, several for a job of many items, in one.
        assertEquals(Set.of("JobsTable", "LimitsTable"), tablesWith("ProviderCallFunction", "dynamodb:Query"));
        for (String function : List.of("ApiFunction", "AggregateFunction", "ReconcileFunction")) {
            for (String action : List.of("dynamodb:Query", "dynamodb:PutItem", "dynamodb:DeleteItem")) {
                assertFalse(tablesWith(function, action).contains("LimitsTable"), function + " " + action);
            }
        }
        assertEquals(Set.of("JobsTable"), tablesWith("AggregateFunction", "dynamodb:Query"));
        assertEquals(ref("ProviderCallReservedConcurrency"),
                properties("ProviderCallFunction").path("ReservedConcurrentExecutions"));
    }

    @Test
    void theParametersTheIssueNamesExistWithTheirDefaults() {
        JsonNode parameters = template.path("Parameters");
        for (String name : List.of("MaxConcurrency", "DefaultProvider", "DefaultModel", "CacheTtlSeconds",
                "JobTtlDays", "ProviderSecretArn", "ScheduleExpression", "ScheduleEnabled",
                "ProviderCallReservedConcurrency", "ApiAuth", "JwtIssuer", "JwtAudience")) {
            assertTrue(parameters.has(name), "parameter " + name);
        }
        assertEquals("bedrock", parameters.path("DefaultProvider").path("Default").asText());
        JsonNode maxConcurrency = parameters.path("MaxConcurrency");
        assertEquals(MaxConcurrency.DEFAULT, maxConcurrency.path("Default").asInt(), "MaxConcurrency default");
        assertEquals(MaxConcurrency.MIN, maxConcurrency.path("MinValue").asInt(), "MaxConcurrency MinValue");
        assertEquals(MaxConcurrency.MAX, maxConcurrency.path("MaxValue").asInt(), "MaxConcurrency MaxValue");
        assertEquals("false", parameters.path("ScheduleEnabled").path("Default").asText());
        assertEquals("IAM", parameters.path("ApiAuth").path("Default").asText());
        JsonNode globals = template.path("Globals").path("Function").path("Environment").path("Variables");
        assertEquals(ref("DefaultProvider"), globals.path("OMNI_DEFAULT_PROVIDER"));
        assertEquals(ref("ProviderSecretArn"), globals.path("PROVIDER_SECRET_ARN"));
        assertEquals(ref("CacheTtlSeconds"), globals.path("CACHE_TTL_SECONDS"));
        assertEquals(ref("JobTtlDays"), globals.path("JOB_TTL_DAYS"));
        for (String output : List.of("ApiUrl", "StateMachineArn", "CacheTableName", "JobsTableName")) {
            assertTrue(template.path("Outputs").has(output), "output " + output);
        }
    }

    /** Every limited provider's ceiling is a template parameter with the code's default, fed to ProviderCallFunction. */
    @Test
    void everyLimitedProviderHasACeilingParameterWithTheDocumentedDefault() {
        JsonNode variables = properties("ProviderCallFunction").path("Environment").path("Variables");
        assertEquals(ref("LimitsTable"), variables.path("LIMITS_TABLE"));
        ProviderCeilings defaults = new ProviderCeilings(Map.of());
        for (ProviderDefinition provider : BuiltInProviders.ALL) {
            JsonNode value = variables.path(ProviderCeilings.variableOf(provider.name()));
            if (defaults.of(provider.name()).isEmpty()) {
                assertTrue(value.isMissingNode(), provider.name() + " is never limited");
                continue;
            }
            JsonNode parameter = template.path("Parameters").path(value.path("Ref").asText());
            assertEquals(ProviderCeilings.DEFAULT_CEILING, parameter.path("Default").asInt(), provider.name());
            assertEquals(1, parameter.path("MinValue").asInt(), provider.name());
            assertEquals(ProviderCeilings.MAX_CEILING, parameter.path("MaxValue").asInt(), provider.name());
        }
    }

    /**
     * Every limited provider's tokens-per-minute budget is a template parameter, empty (none) by default and
     * refusing what the code refuses, fed to ProviderCallFunction.
     */
    @Test
    void everyLimitedProviderHasATokenBudgetParameterThatIsNoneByDefault() {
        JsonNode variables = properties("ProviderCallFunction").path("Environment").path("Variables");
        ProviderCeilings defaults = new ProviderCeilings(Map.of());
        for (ProviderDefinition provider : BuiltInProviders.ALL) {
            String variable = TokenBudgets.VARIABLE_PREFIX + provider.name().toUpperCase(java.util.Locale.ROOT);
            if (defaults.of(provider.name()).isEmpty()) {
                assertTrue(variables.path(variable).isMissingNode(), provider.name() + " is never limited");
                continue;
            }
            JsonNode parameter = template.path("Parameters").path(variables.path(variable).path("Ref").asText());
            assertEquals("", parameter.path("Default").asText("missing"), provider.name());
            java.util.regex.Pattern allowed = java.util.regex.Pattern.compile(parameter.path("AllowedPattern").asText());
            for (String value : List.of("", "1", "200000", Long.toString(TokenBudgets.MAX_PER_MINUTE))) {
                assertTrue(allowed.matcher(value).matches(), provider.name() + " refuses " + value);
                TokenBudgets.fromEnvironment(Map.of(variable, value));
            }
            for (String value : List.of("0", "-5", "1e6", Long.toString(TokenBudgets.MAX_PER_MINUTE + 1))) {
                assertFalse(allowed.matcher(value).matches(), provider.name() + " takes " + value);
            }
        }
    }

    /** The template lists every built-in provider, and no other, and lets DefaultModel reach each one's model. */
    @Test
    void theTemplateListsEveryBuiltInProvider() {
        Set<String> allowed = new HashSet<>();
        template.path("Parameters").path("DefaultProvider").path("AllowedValues")
                .forEach(value -> allowed.add(value.asText()));
        assertEquals(BuiltInProviders.ALL.stream().map(ProviderDefinition::name).collect(Collectors.toSet()), allowed);
        JsonNode globals = template.path("Globals").path("Function").path("Environment").path("Variables");
        for (ProviderDefinition provider : BuiltInProviders.ALL) {
            if (provider.modelVariable() == null) {
                continue;
            }
            JsonNode choice = globals.path(provider.modelVariable()).path("Fn::If");
            assertEquals(ref("DefaultModel"), choice.path(1), provider.modelVariable() + " must take DefaultModel");
            JsonNode condition = template.path("Conditions").path(choice.path(0).asText()).path("Fn::And");
            assertTrue(condition.toString().contains("{\"Ref\":\"DefaultProvider\"},\"" + provider.name() + "\""),
                    choice.path(0).asText() + " must test DefaultProvider " + provider.name() + ": " + condition);
        }
    }

    @Test
    void everyScheduleInputIsAScheduledRunApiFunctionAccepts() throws IOException {
        JsonNode schedule = properties("ApiFunction").path("Events").path("ScheduledRun");
        assertEquals("ScheduleV2", schedule.path("Type").asText());
        JsonNode properties = schedule.path("Properties");
        assertEquals(ref("ScheduleExpression"), properties.path("ScheduleExpression"));
        JsonNode state = properties.path("State").path("Fn::If");
        assertEquals(List.of("ScheduleOn", "ENABLED", "DISABLED"),
                StreamSupport.stream(state.spliterator(), false).map(JsonNode::asText).toList());
        String document = Files.readString(Path.of("..", "events", "batch-request.json"));
        List<JsonNode> inputs = branches(properties.path("Input"));
        assertEquals(3, inputs.size());
        int accepted = 0;
        for (JsonNode input : inputs) {
            String text = input.path("Fn::Sub").asText()
                    .replace("${AWS::StackName}", "omni-architect")
                    .replace("${ScheduleDocumentS3Uri}", "s3://acme-batches/nightly.json")
                    .replace("${ScheduleDocument}", document);
            JsonNode event = Json.mapper().readTree(text.replace("<aws.scheduler.scheduled-time>",
                    "2026-11-27T03:00:00Z"));
            assertTrue(ScheduledRun.isScheduledRun(event));
            try {
                ScheduledRun run = ScheduledRun.from(event);
                assertEquals("schedule:omni-architect:2026-11-27T03:00:00Z", run.clientToken());
                accepted++;
            } catch (dev.omniarchitect.batch.InvalidBatchException e) {
                // The input without a document, which the ScheduleNeedsDocument rule keeps from running.
                assertTrue(e.getMessage().contains("neither"), e.getMessage());
            }
        }
        assertEquals(2, accepted, "the S3 and the inline inputs must both be valid scheduled runs");
        assertTrue(template.path("Rules").has("ScheduleNeedsDocument"));
    }

    @Test
    void everyLogGroupHasARetentionAndEveryFunctionLogsToItsOwn() {
        Set<String> groups = new HashSet<>(resourcesOfType("AWS::Logs::LogGroup"));
        for (String group : groups) {
            assertEquals(ref("LogRetentionDays"), properties(group).path("RetentionInDays"), group);
        }
        Set<String> used = new HashSet<>();
        for (String function : resourcesOfType("AWS::Serverless::Function")) {
            String group = properties(function).path("LoggingConfig").path("LogGroup").path("Ref").asText();
            assertTrue(groups.contains(group), function + " logs to " + group);
            assertTrue(used.add(group), group + " is shared");
        }
    }

    private static Set<String> tablesWith(String function, String action) {
        Set<String> tables = new TreeSet<>();
        for (JsonNode statement : statements(properties(function))) {
            if (actions(statement).contains(action)) {
                resources(statement).forEach(resource -> {
                    String table = resource.path("Fn::GetAtt").path(0).asText();
                    if (!table.isEmpty()) {
                        tables.add(table);
                    }
                });
            }
        }
        return tables;
    }

    private static void collectFunctionNames(JsonNode node, Set<String> names) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("FunctionName")) {
                    names.add(field.getValue().asText());
                } else {
                    collectFunctionNames(field.getValue(), names);
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> collectFunctionNames(element, names));
        }
    }
}
