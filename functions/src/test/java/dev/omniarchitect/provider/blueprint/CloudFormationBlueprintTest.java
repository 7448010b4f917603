package dev.omniarchitect.provider.blueprint;

import static dev.omniarchitect.provider.blueprint.BlueprintTestSupport.fieldNames;
import static dev.omniarchitect.provider.blueprint.BlueprintTestSupport.rejected;
import static dev.omniarchitect.provider.blueprint.BlueprintTestSupport.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CloudFormationBlueprintTest {

    private static final String KIND = "cloudformation";
    private static final String PATH = "template.yaml";
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::AccountId", "AWS::Partition", "AWS::Region",
            "AWS::StackName", "AWS::StackId", "AWS::URLSuffix", "AWS::NoValue");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"encryption\":\"kms\",\"name\":\"shop\",\"environment\":\"prod\"}"})
    void isATemplateWhoseParametersAreTypedAndWhoseReferencesResolve(String params) {
        Map<String, String> files = render(KIND, params);
        assertEquals(List.of(PATH), List.copyOf(files.keySet()));
        JsonNode template = template(files.get(PATH));

        assertEquals(List.of("AWSTemplateFormatVersion", "Description", "Parameters", "Resources", "Outputs"),
                fieldNames(template));
        assertTrue(template.get("AWSTemplateFormatVersion").isTextual(), "the version must be a string, not a date");
        assertEquals("2010-09-09", template.get("AWSTemplateFormatVersion").asText());
        template.get("Parameters").fields().forEachRemaining(parameter -> {
            assertTrue(Set.of("String", "Number").contains(parameter.getValue().path("Type").asText()), parameter.getKey());
            assertFalse(parameter.getValue().path("Description").asText().isBlank(), parameter.getKey());
            assertTrue(parameter.getValue().has("Default"), parameter.getKey() + " needs a default");
        });
        template.get("Resources").fields().forEachRemaining(resource -> {
            assertTrue(resource.getValue().path("Type").asText().matches("AWS::[A-Za-z0-9]+::[A-Za-z0-9]+"),
                    resource.getKey());
            assertTrue(resource.getValue().path("Properties").isObject(), resource.getKey());
        });
        template.get("Outputs").fields().forEachRemaining(output -> {
            assertTrue(output.getValue().has("Value"), output.getKey());
            assertFalse(output.getValue().path("Description").asText().isBlank(), output.getKey());
            assertTrue(output.getValue().at("/Export/Name").has("Fn::Sub"), output.getKey() + " exports per stack");
        });

        Set<String> resources = Set.copyOf(fieldNames(template.get("Resources")));
        Set<String> referable = new HashSet<>(PSEUDO_PARAMETERS);
        referable.addAll(resources);
        referable.addAll(fieldNames(template.get("Parameters")));
        for (JsonNode ref : template.findValues("Ref")) {
            assertTrue(referable.contains(ref.asText()), "Ref to undefined " + ref);
        }
        for (JsonNode getAtt : template.findValues("Fn::GetAtt")) {
            assertTrue(resources.contains(getAtt.get(0).asText()), "Fn::GetAtt of undefined " + getAtt);
        }
        List<JsonNode> subs = template.findValues("Fn::Sub");
        assertFalse(subs.isEmpty());
        for (JsonNode sub : subs) {
            Matcher variable = SUB_VARIABLE.matcher(sub.asText());
            while (variable.find()) {
                String name = variable.group(1);
                String base = name.contains(".") && !referable.contains(name) ? name.substring(0, name.indexOf('.')) : name;
                assertTrue(referable.contains(base), "Fn::Sub of undefined ${" + name + "}");
            }
        }
    }

    @Test
    void theBucketIsEncryptedVersionedPrivateRetainedAndTlsOnly() {
        JsonNode template = template(render(KIND, null).get(PATH));
        JsonNode bucket = template.at("/Resources/Bucket");
        JsonNode properties = bucket.get("Properties");

        assertEquals("AWS::S3::Bucket", bucket.get("Type").asText());
        assertEquals("Retain", bucket.get("DeletionPolicy").asText());
        assertEquals("Retain", bucket.get("UpdateReplacePolicy").asText());
        assertFalse(properties.has("BucketName"), "CloudFormation names the bucket, so names never clash");
        assertEquals("AES256", properties.at("/BucketEncryption/ServerSideEncryptionConfiguration/0"
                + "/ServerSideEncryptionByDefault/SSEAlgorithm").asText());
        assertEquals("Enabled", properties.at("/VersioningConfiguration/Status").asText());
        JsonNode publicAccess = properties.get("PublicAccessBlockConfiguration");
        assertEquals(List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"),
                fieldNames(publicAccess));
        publicAccess.forEach(setting -> assertTrue(setting.isBoolean() && setting.asBoolean(), publicAccess.toString()));
        assertEquals("BucketOwnerEnforced", properties.at("/OwnershipControls/Rules/0/ObjectOwnership").asText());
        assertEquals(ref("NoncurrentVersionExpirationDays"),
                properties.at("/LifecycleConfiguration/Rules/0/NoncurrentVersionExpiration/NoncurrentDays"));

        JsonNode policy = template.at("/Resources/BucketPolicy");
        assertEquals("AWS::S3::BucketPolicy", policy.get("Type").asText());
        assertEquals(ref("Bucket"), policy.at("/Properties/Bucket"));
        JsonNode insecure = policy.at("/Properties/PolicyDocument/Statement/0");
        assertEquals("Deny", insecure.get("Effect").asText());
        assertEquals("*", insecure.get("Principal").asText());
        assertEquals("s3:*", insecure.get("Action").asText());
        assertTrue(insecure.at("/Condition/Bool/aws:SecureTransport").isTextual());
        assertEquals("false", insecure.at("/Condition/Bool/aws:SecureTransport").asText());
        JsonNode bucketArn = NODES.objectNode().set("Fn::GetAtt", NODES.arrayNode().add("Bucket").add("Arn"));
        assertEquals(List.of(bucketArn, NODES.objectNode().put("Fn::Sub", "${Bucket.Arn}/*")),
                List.copyOf(toList(insecure.get("Resource"))), "the bucket and its objects");
        JsonNode outdatedTls = policy.at("/Properties/PolicyDocument/Statement/1");
        assertEquals("Deny", outdatedTls.get("Effect").asText());
        assertEquals(1.2, outdatedTls.at("/Condition/NumericLessThan/s3:TlsVersion").asDouble());
        assertEquals(insecure.get("Resource"), outdatedTls.get("Resource"));

        assertEquals(ref("Bucket"), template.at("/Outputs/BucketName/Value"));
        assertEquals(bucketArn, template.at("/Outputs/BucketArn/Value"));
        assertFalse(template.get("Resources").has("BucketKey"), "no KMS key unless asked");
    }

    @Test
    void kmsEncryptionUsesARotatingKeyOfTheStack() {
        JsonNode template = template(render(KIND, "{\"encryption\":\"kms\"}").get(PATH));
        JsonNode key = template.at("/Resources/BucketKey");
        JsonNode keyArn = NODES.objectNode().set("Fn::GetAtt", NODES.arrayNode().add("BucketKey").add("Arn"));

        assertEquals("AWS::KMS::Key", key.get("Type").asText());
        assertTrue(key.at("/Properties/EnableKeyRotation").asBoolean());
        assertEquals("Retain", key.get("DeletionPolicy").asText());
        JsonNode statement = key.at("/Properties/KeyPolicy/Statement/0");
        assertEquals("Allow", statement.get("Effect").asText());
        assertEquals("arn:${AWS::Partition}:iam::${AWS::AccountId}:root", statement.at("/Principal/AWS/Fn::Sub").asText());
        JsonNode encryption = template.at("/Resources/Bucket/Properties/BucketEncryption/ServerSideEncryptionConfiguration/0");
        assertEquals("aws:kms", encryption.at("/ServerSideEncryptionByDefault/SSEAlgorithm").asText());
        assertEquals(keyArn, encryption.at("/ServerSideEncryptionByDefault/KMSMasterKeyID"));
        assertTrue(encryption.get("BucketKeyEnabled").asBoolean());
        assertEquals(keyArn, template.at("/Outputs/BucketKeyArn/Value"));
        assertEquals(template.at("/Resources/Bucket/Properties/Tags"), key.at("/Properties/Tags"));
    }

    @Test
    void paramsSetTheParameterDefaultsAndTags() {
        JsonNode template = template(render(KIND,
                "{\"name\":\"123\",\"environment\":\"prod\",\"noncurrentVersionDays\":30}").get(PATH));

        assertEquals("prod", template.at("/Parameters/Environment/Default").asText());
        assertEquals(30, template.at("/Parameters/NoncurrentVersionExpirationDays/Default").asInt());
        JsonNode tags = template.at("/Resources/Bucket/Properties/Tags");
        assertEquals("app", tags.at("/0/Key").asText());
        assertTrue(tags.at("/0/Value").isTextual(), "a numeric name stays a string");
        assertEquals("123", tags.at("/0/Value").asText());
        assertEquals(ref("Environment"), tags.at("/1/Value"));
        assertTrue(template.get("Description").asText().contains("123"));
    }

    @Test
    void theSameParamsRenderTheSameBytes() {
        String params = "{\"name\":\"web\",\"encryption\":\"kms\"}";
        assertEquals(render(KIND, params), render(KIND, params));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"encryption\":\"kms\",\"environment\":\"staging\"}"})
    void theValidatorFindsNothing(String params) {
        BlueprintValidation.assertNoFindings(KIND, params);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"name\":\"My Bucket\"}|name",
        "{\"environment\":\"test\"}|environment",
        "{\"environment\":\"Prod\"}|environment",
        "{\"encryption\":\"aes\"}|encryption",
        "{\"encryption\":true}|encryption",
        "{\"noncurrentVersionDays\":0}|noncurrentVersionDays",
        "{\"noncurrentVersionDays\":3651}|noncurrentVersionDays",
        "{\"noncurrentVersionDays\":\"30\"}|noncurrentVersionDays",
    })
    void invalidParamsAreRefusedNamingTheParam(String params, String param) {
        rejected(KIND, params, param);
    }

    /**
     * The template as CloudFormation reads it: YAML with the short-form tags turned into their long
     * form ({@code !Ref X} is {@code {"Ref": "X"}}, {@code !GetAtt A.B} is {@code {"Fn::GetAtt": ["A", "B"]}},
     * {@code !Sub s} is {@code {"Fn::Sub": s}}), which a plain YAML reader would silently drop.
     */
    private static JsonNode template(String text) {
        try (JsonParser parser = YAML.createParser(text)) {
            assertTrue(parser.nextToken() == JsonToken.START_OBJECT, "a template is a mapping");
            JsonNode template = read(parser);
            assertTrue(parser.nextToken() == null, "one document expected");
            return template;
        } catch (IOException e) {
            return fail("not valid YAML: " + e.getMessage() + "\n" + text);
        }
    }

    private static JsonNode read(JsonParser parser) throws IOException {
        String tag = parser.getTypeId() == null ? "" : parser.getTypeId().toString();
        JsonNode value = switch (parser.currentToken()) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    assertFalse(object.has(name), "duplicate key " + name);
                    object.set(name, read(parser));
                }
                yield object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(parser));
                }
                yield array;
            }
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> NODES.numberNode(parser.getLongValue());
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE, VALUE_FALSE -> NODES.booleanNode(parser.getBooleanValue());
            case VALUE_NULL -> NODES.nullNode();
            default -> fail("unexpected " + parser.currentToken());
        };
        return switch (tag) {
            case "" -> value;
            case "Ref", "Condition" -> NODES.objectNode().set(tag, value);
            case "GetAtt" -> {
                String[] parts = value.asText().split("\\.", 2);
                assertEquals(2, parts.length, "!GetAtt needs Resource.Attribute: " + value);
                yield NODES.objectNode().set("Fn::GetAtt", NODES.arrayNode().add(parts[0]).add(parts[1]));
            }
            default -> NODES.objectNode().set("Fn::" + tag, value);
        };
    }

    private static JsonNode ref(String name) {
        return NODES.objectNode().put("Ref", name);
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> elements = new ArrayList<>();
        array.forEach(elements::add);
        return elements;
    }
}
