package dev.omniarchitect.template;

import static dev.omniarchitect.template.TemplateModel.DEFINITION;
import static dev.omniarchitect.template.TemplateModel.actions;
import static dev.omniarchitect.template.TemplateModel.branches;
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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.omniarchitect.api.GenerationsApi;
import dev.omniarchitect.api.RouteKey;
import dev.omniarchitect.job.ExecutionTimeout;
import dev.omniarchitect.job.Uploads;
import dev.omniarchitect.provider.bedrock.BedrockSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** template.yaml and the definition leave no job stuck, keep each caller to their rights and keep the data. */
class DeployedSafetyTest {

    private static final Set<String> ADMIN_ROUTES = Set.of("DELETE /v1/cache/{cacheKey}", "POST /v1/cache/purge");

    private static JsonNode definition() throws IOException {
        return TemplateModel.definition();
    }

    @Test
    void everyStateThatCanFailIsCaughtIntoTheReconciliation() throws IOException {
        JsonNode states = definition().path("States");
        for (String state : List.of("GenerateItems", "Aggregate")) {
            JsonNode catcher = states.path(state).path("Catch").path(0);
            assertEquals("States.ALL", catcher.path("ErrorEquals").path(0).asText(), state);
            assertEquals("MarkJobFailed", catcher.path("Next").asText(), state);
        }
        JsonNode mark = states.path("MarkJobFailed");
        assertEquals("${ReconcileFunctionArn}", mark.path("Parameters").path("FunctionName").asText());
        assertEquals("$.failure.Error", mark.path("Parameters").path("Payload").path("error.$").asText(),
                "only the error's name reaches the job, never its Cause");
        assertEquals("JobFailed", mark.path("Next").asText());
        assertEquals("Fail", states.path("JobFailed").path("Type").asText());
    }

    @Test
    void everyExecutionThatEndsBadlyReachesTheReconciliation() {
        JsonNode rule = properties("ReconcileFunction").path("Events").path("ExecutionEnded");
        assertEquals("EventBridgeRule", rule.path("Type").asText());
        JsonNode pattern = rule.path("Properties").path("Pattern");
        assertEquals(List.of("aws.states"), texts(pattern.path("source")));
        assertEquals(List.of("Step Functions Execution Status Change"), texts(pattern.path("detail-type")));
        assertEquals(Set.of("FAILED", "TIMED_OUT", "ABORTED"), Set.copyOf(texts(pattern.path("detail").path("status"))));
        assertEquals(ref("GenerateStateMachine"), pattern.path("detail").path("stateMachineArn").path(0));
        assertTrue(rule.path("Properties").path("RetryPolicy").path("MaximumRetryAttempts").asInt() > 0);
        assertEquals("dev.omniarchitect.handler.ReconcileHandler::handleRequest",
                properties("ReconcileFunction").path("Handler").asText());
        assertEquals(ref("ReconcileFunction.Alias"),
                properties("GenerateStateMachine").path("DefinitionSubstitutions").path("ReconcileFunctionArn"));
    }

    @Test
    void theExecutionTimeoutIsDerivedFromTheBatchLimits() throws IOException {
        assertEquals("${ExecutionTimeoutSeconds}", Files.readString(DEFINITION).lines()
                .filter(line -> line.contains("\"TimeoutSeconds\"")).findFirst().orElse("")
                .replaceAll(".*: *", "").replace(",", "").trim(), "the state machine's own TimeoutSeconds");
        assertEquals(ExecutionTimeout.SECONDS, properties("GenerateStateMachine").path("DefinitionSubstitutions")
                .path("ExecutionTimeoutSeconds").asInt());
        assertEquals(ExecutionTimeout.ITEM_FUNCTION_SECONDS, properties("ProviderCallFunction").path("Timeout").asInt());
        // The slowest MaxConcurrency the template allows must still fit.
        assertEquals(1, template().path("Parameters").path("MaxConcurrency").path("MinValue").asInt());
        assertTrue(ExecutionTimeout.FINISH_SECONDS >= 4 * properties("AggregateFunction").path("Timeout").asInt()
                + 4 * properties("ReconcileFunction").path("Timeout").asInt());
    }

    @Test
    void parametersThatCannotDeployAreRefusedByTheTemplate() {
        JsonNode reserved = template().path("Parameters").path("ProviderCallReservedConcurrency");
        assertEquals(1, reserved.path("MinValue").asInt());
        assertEquals(900, reserved.path("MaxValue").asInt(), "the default account limit less the unreserved 100");
        assertEquals(40, template().path("Parameters").path("MaxConcurrency").path("MaxValue").asInt());
        assertEquals(List.of("true", "false"), texts(template().path("Parameters").path("TableDeletionProtection")
                .path("AllowedValues")));
    }

    @Test
    void syncItemsRunThroughProviderCallFunctionSoOneCapHoldsForEveryMode() {
        JsonNode api = properties("ApiFunction");
        assertEquals(ref("ProviderCallFunction.Alias"),
                api.path("Environment").path("Variables").path("PROVIDER_CALL_FUNCTION"));
        boolean invokes = statements(api).stream().anyMatch(statement ->
                actions(statement).contains("lambda:InvokeFunction")
                        && resources(statement).contains(ref("ProviderCallFunction.Alias")));
        assertTrue(invokes, "ApiFunction must invoke ProviderCallFunction's alias");
        assertFalse(statements(api).stream().anyMatch(statement -> actions(statement).stream()
                .anyMatch(action -> action.startsWith("bedrock:"))), "ApiFunction calls no provider itself");
        assertEquals(ref("ProviderCallReservedConcurrency"),
                properties("ProviderCallFunction").path("ReservedConcurrentExecutions"));
    }

    @Test
    void bedrockIsLimitedToTheConfiguredModels() {
        String text = template().toString();
        assertFalse(text.contains("foundation-model/*"), "no wildcard model");
        assertFalse(text.contains("inference-profile/*"), "no wildcard inference profile");
        JsonNode parameters = template().path("Parameters");
        String profile = parameters.path("BedrockInferenceProfileIds").path("Default").asText();
        assertEquals(BedrockSettings.DEFAULT_MODEL, profile, "the default model is allowed by default");
        assertEquals(profile.substring(profile.indexOf('.') + 1),
                parameters.path("BedrockFoundationModelIds").path("Default").asText(),
                "the default profile's model is allowed by default");
        for (JsonNode statement : statements(properties("ProviderCallFunction"))) {
            if (actions(statement).contains("bedrock:InvokeModel")) {
                String resource = statement.path("Resource").toString();
                assertTrue(resource.contains("BedrockFoundationModelIds") && resource.contains(
                        "BedrockInferenceProfileIds"), resource);
            }
        }
    }

    @Test
    void tablesSurviveADeletedOrReplacedStack() {
        for (String table : List.of("CacheTable", "JobsTable", "LimitsTable")) {
            assertEquals("Retain", resource(table).path("DeletionPolicy").asText(), table);
            assertEquals("Retain", resource(table).path("UpdateReplacePolicy").asText(), table);
            assertEquals(ref("TableDeletionProtection"), properties(table).path("DeletionProtectionEnabled"), table);
        }
        assertEquals("true", template().path("Parameters").path("TableDeletionProtection").path("Default").asText());
    }

    @Test
    void theJobFilesBucketIsPrivateEncryptedExpiringAndTlsOnly() {
        assertEquals("AWS::S3::Bucket", resource("JobFilesBucket").path("Type").asText());
        JsonNode bucket = properties("JobFilesBucket");
        JsonNode encryption = bucket.path("BucketEncryption").path("ServerSideEncryptionConfiguration");
        assertEquals(1, encryption.size(), "one default encryption rule: " + encryption);
        String algorithm = encryption.path(0).path("ServerSideEncryptionByDefault").path("SSEAlgorithm").asText();
        assertTrue(algorithm.equals("AES256")
                || algorithm.startsWith("aws:kms") && encryption.path(0).path("BucketKeyEnabled").asBoolean(),
                "SSE-S3, or SSE-KMS with a bucket key: " + encryption);
        JsonNode block = bucket.path("PublicAccessBlockConfiguration");
        for (String flag : List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")) {
            assertTrue(block.path(flag).isBoolean() && block.path(flag).asBoolean(), flag + ": " + block);
        }
        assertEquals(List.of("BucketOwnerEnforced"), StreamSupport.stream(
                bucket.path("OwnershipControls").path("Rules").spliterator(), false)
                .map(rule -> rule.path("ObjectOwnership").asText()).toList(), "no ACLs");

        // Objects expire with the job records, whatever their prefix, and no upload parts linger.
        boolean expires = false;
        boolean abortsUploads = false;
        for (JsonNode rule : bucket.path("LifecycleConfiguration").path("Rules")) {
            if (!rule.path("Status").asText().equals("Enabled")) {
                continue;
            }
            boolean everyObject = !rule.has("Prefix") && !rule.has("Filter");
            expires |= everyObject && rule.path("ExpirationInDays").equals(ref("JobTtlDays"));
            abortsUploads |= everyObject
                    && rule.path("AbortIncompleteMultipartUpload").path("DaysAfterInitiation").asInt() == 1;
        }
        assertTrue(expires, "objects must expire after JobTtlDays: " + bucket.path("LifecycleConfiguration"));
        // Uploaded documents are read once, when their job is submitted: they go after a day.
        boolean uploadsExpire = false;
        for (JsonNode rule : bucket.path("LifecycleConfiguration").path("Rules")) {
            uploadsExpire |= rule.path("Status").asText().equals("Enabled")
                    && rule.path("Prefix").asText().equals(Uploads.PREFIX) && rule.path("ExpirationInDays").asInt() == 1;
        }
        assertTrue(uploadsExpire, "uploads must expire after a day: " + bucket.path("LifecycleConfiguration"));
        // The console's upload PUT from the API's origin, and nothing else from a page.
        JsonNode cors = bucket.path("CorsConfiguration").path("CorsRules");
        assertEquals(1, cors.size(), cors.toString());
        assertEquals(List.of("PUT"), texts(cors.path(0).path("AllowedMethods")));
        assertEquals(1, cors.path(0).path("AllowedOrigins").size());
        assertEquals("https://${OmniApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}",
                cors.path(0).path("AllowedOrigins").path(0).path("Fn::Sub").asText());
        assertTrue(abortsUploads, "incomplete uploads must be aborted after a day");

        // TLS only: one policy on the bucket denies every request without it, on the bucket and its objects.
        List<String> policies = resourcesOfType("AWS::S3::BucketPolicy").stream()
                .filter(policy -> properties(policy).path("Bucket").equals(ref("JobFilesBucket"))).toList();
        assertEquals(1, policies.size(), "one bucket policy on JobFilesBucket: " + policies);
        boolean tlsOnly = false;
        for (JsonNode statement : properties(policies.get(0)).path("PolicyDocument").path("Statement")) {
            JsonNode secure = statement.path("Condition").path("Bool").path("aws:SecureTransport");
            tlsOnly |= statement.path("Effect").asText().equals("Deny")
                    && (statement.path("Principal").asText().equals("*")
                            || statement.path("Principal").path("AWS").asText().equals("*"))
                    && actions(statement).equals(List.of("s3:*"))
                    && Set.copyOf(resources(statement)).equals(Set.of(
                            JsonNodeFactory.instance.objectNode().set("Fn::GetAtt", JsonNodeFactory.instance
                                    .arrayNode().add("JobFilesBucket").add("Arn")),
                            JsonNodeFactory.instance.objectNode().put("Fn::Sub", "${JobFilesBucket.Arn}/*")))
                    && (secure.asText().equals("false") || secure.isBoolean() && !secure.asBoolean());
        }
        assertTrue(tlsOnly, "the bucket policy must deny s3:* without TLS: " + properties(policies.get(0)));

        // Kept like the tables its files belong to, and its policy with it.
        for (String name : List.of("JobFilesBucket", policies.get(0))) {
            assertEquals("Retain", resource(name).path("DeletionPolicy").asText(), name);
            assertEquals("Retain", resource(name).path("UpdateReplacePolicy").asText(), name);
        }
        assertEquals(ref("JobFilesBucket"), template().path("Globals").path("Function").path("Environment")
                .path("Variables").path("JOB_FILES_BUCKET"));
        assertEquals(ref("JobFilesBucket"), template().path("Outputs").path("JobFilesBucketName").path("Value"));
    }

    @Test
    void everyLogGroupCanBeEncryptedWithTheKeyParameter() {
        List<String> groups = resourcesOfType("AWS::Logs::LogGroup");
        assertTrue(groups.contains("ReconcileFunctionLogGroup"));
        for (String group : groups) {
            List<JsonNode> keys = branches(properties(group).path("KmsKeyId"));
            assertEquals(List.of(ref("LogsKmsKeyArn"), ref("AWS::NoValue")), keys, group);
            assertEquals("HasLogsKmsKey", properties(group).path("KmsKeyId").path("Fn::If").path(0).asText(), group);
        }
        assertEquals("", template().path("Parameters").path("LogsKmsKeyArn").path("Default").asText());
    }

    @Test
    void onlyAdministratorsDeleteOrPurgeTheCache() {
        Set<String> scoped = new HashSet<>();
        for (String route : resourcesOfType("AWS::ApiGatewayV2::Route")) {
            JsonNode properties = properties(route);
            JsonNode scopes = properties.path("AuthorizationScopes");
            if (!scopes.isMissingNode()) {
                assertEquals("UseJwt", scopes.path("Fn::If").path(0).asText(), route);
                assertEquals(List.of("omni/admin"), texts(scopes.path("Fn::If").path(1)), route);
                assertEquals(ref("AWS::NoValue"), scopes.path("Fn::If").path(2), route);
                scoped.add(properties.path("RouteKey").asText());
            }
        }
        assertEquals(ADMIN_ROUTES, scoped);
        for (String route : ADMIN_ROUTES) {
            assertTrue(GenerationsApi.ROUTES.stream().map(RouteKey::toString).anyMatch(route::equals), route);
        }
        String admin = properties("OmniAdminPolicy").toString();
        String caller = properties("OmniCallerPolicy").toString();
        assertTrue(admin.contains("/DELETE/v1/cache/*") && admin.contains("/POST/v1/cache/purge"), admin);
        assertFalse(caller.contains("DELETE") || caller.contains("purge"), caller);
        assertTrue(caller.contains("/POST/v1/generations") && caller.contains("/GET/v1/generations/*"), caller);
    }

    @Test
    void theDayOneAlarmsWatchWhatCanGoWrongAndNotifyTheTopic() {
        Map<String, String> watched = new HashMap<>();
        for (String alarm : resourcesOfType("AWS::CloudWatch::Alarm")) {
            JsonNode properties = properties(alarm);
            JsonNode dimension = properties.path("Dimensions").path(0);
            watched.put(properties.path("Namespace").asText() + "/" + properties.path("MetricName").asText() + "@"
                    + dimension.path("Value").path("Ref").asText(), alarm);
            for (String actions : List.of("AlarmActions", "OKActions")) {
                JsonNode notify = properties.path(actions).path("Fn::If");
                assertEquals("HasAlarmTopic", notify.path(0).asText(), alarm + " " + actions);
                assertEquals(ref("AlarmTopicArn"), notify.path(1).path(0), alarm + " " + actions);
            }
            assertEquals("notBreaching", properties.path("TreatMissingData").asText(), alarm);
        }
        assertEquals(Set.of(
                "AWS/States/ExecutionsFailed@GenerateStateMachine",
                "AWS/States/ExecutionsTimedOut@GenerateStateMachine",
                "AWS/States/ExecutionThrottled@GenerateStateMachine",
                "AWS/Lambda/Errors@ProviderCallFunction",
                "AWS/Lambda/Throttles@ProviderCallFunction",
                "AWS/Lambda/Errors@ReconcileFunction",
                "AWS/Events/FailedInvocations@ReconcileFunctionExecutionEnded"), watched.keySet());
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
