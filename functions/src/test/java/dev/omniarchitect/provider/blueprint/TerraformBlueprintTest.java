package dev.omniarchitect.provider.blueprint;

import static dev.omniarchitect.provider.blueprint.BlueprintTestSupport.hcl;
import static dev.omniarchitect.provider.blueprint.BlueprintTestSupport.rejected;
import static dev.omniarchitect.provider.blueprint.BlueprintTestSupport.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TerraformBlueprintTest {

    private static final String KIND = "terraform";
    private static final Pattern CREDENTIAL =
            Pattern.compile("(?i)(access_key|secret_key|password|client_secret|credentials\\s*=|AKIA[0-9A-Z]{16})");

    @ParameterizedTest
    @ValueSource(strings = {"aws", "gcp"})
    void everyCloudRendersAParsableModuleFollowingTheTerraformPractices(String cloud) {
        Map<String, String> files = render(KIND, "{\"cloud\":\"" + cloud + "\"}");
        assertEquals(List.of("main.tf", "variables.tf", "outputs.tf"), List.copyOf(files.keySet()));

        Map<String, Object> main = hcl(files.get("main.tf"));
        Map<String, Object> terraform = map(main.get("terraform"));
        assertEquals(">= 1.5.0", terraform.get("required_version"));
        String provider = cloud.equals("aws") ? "aws" : "google";
        Map<String, Object> required = map(map(terraform.get("required_providers")).get(provider));
        assertEquals("hashicorp/" + provider, required.get("source"));
        assertEquals("~> 6.0", required.get("version"));
        assertEquals("var.region", String.valueOf(map(map(main.get("provider")).get(provider)).get("region")));

        Map<String, Object> variables = map(hcl(files.get("variables.tf")).get("variable"));
        assertTrue(variables.keySet().containsAll(List.of("name", "region")), variables.keySet().toString());
        variables.forEach((name, body) -> {
            assertNotNull(map(body).get("type"), "variable " + name + " needs a type");
            assertTrue(map(body).get("description") instanceof String s && !s.isBlank(), "variable " + name);
        });
        Map<String, Object> outputs = map(hcl(files.get("outputs.tf")).get("output"));
        assertFalse(outputs.isEmpty());
        outputs.forEach((name, body) ->
                assertTrue(map(body).get("description") instanceof String s && !s.isBlank(), "output " + name));

        files.forEach((path, text) -> {
            assertFalse(CREDENTIAL.matcher(text).find(), path + " must hold no credentials");
            assertFalse(text.contains("\t"), path + " is indented with spaces, as terraform fmt does");
            assertTrue(text.endsWith("}\n") && !text.endsWith("\n\n"), path + " ends with one newline");
        });
    }

    @Test
    void awsBucketIsPrivateEncryptedVersionedAndTagged() {
        Map<String, String> files = render(KIND, null);
        Map<String, Object> resources = map(hcl(files.get("main.tf")).get("resource"));

        assertEquals("local.tags", String.valueOf(resource(resources, "aws_s3_bucket").get("tags")));
        Map<String, Object> publicAccess = resource(resources, "aws_s3_bucket_public_access_block");
        for (String setting : List.of("block_public_acls", "block_public_policy", "ignore_public_acls",
                "restrict_public_buckets")) {
            assertEquals(Boolean.TRUE, publicAccess.get(setting), setting);
        }
        assertEquals("Enabled", map(resource(resources, "aws_s3_bucket_versioning")
                .get("versioning_configuration")).get("status"));
        Map<String, Object> encryption = map(map(resource(resources,
                "aws_s3_bucket_server_side_encryption_configuration").get("rule"))
                .get("apply_server_side_encryption_by_default"));
        assertNotNull(encryption.get("sse_algorithm"));
        assertEquals("BucketOwnerEnforced", map(resource(resources, "aws_s3_bucket_ownership_controls")
                .get("rule")).get("object_ownership"));
        assertNotNull(resource(resources, "aws_s3_bucket_policy").get("policy"));
        assertTrue(files.get("main.tf").contains("variable = \"aws:SecureTransport\""), "TLS-only policy");
        assertTrue(files.get("main.tf").contains("sse_algorithm     = var.kms_key_arn == null ? \"AES256\" : \"aws:kms\""));

        Map<String, Object> variables = map(hcl(files.get("variables.tf")).get("variable"));
        assertEquals("eu-west-1", map(variables.get("region")).get("default"));
        assertEquals("app", map(variables.get("name")).get("default"));
        assertTrue(variables.containsKey("tags"));
        assertTrue(map(hcl(files.get("outputs.tf")).get("output")).containsKey("bucket_arn"));
    }

    @Test
    void gcpBucketUsesUniformAccessAndPreventsPublicAccess() {
        Map<String, String> files = render(KIND, "{\"cloud\":\"gcp\",\"name\":\"reports\",\"project\":\"acme-prod-1\"}");
        Map<String, Object> bucket = resource(map(hcl(files.get("main.tf")).get("resource")), "google_storage_bucket");

        assertEquals(Boolean.TRUE, bucket.get("uniform_bucket_level_access"));
        assertEquals("enforced", bucket.get("public_access_prevention"));
        assertEquals(Boolean.TRUE, map(bucket.get("versioning")).get("enabled"));
        assertEquals("local.labels", String.valueOf(bucket.get("labels")));
        Map<String, Object> variables = map(hcl(files.get("variables.tf")).get("variable"));
        assertEquals("acme-prod-1", map(variables.get("project_id")).get("default"));
        assertEquals("reports", map(variables.get("name")).get("default"));
        assertEquals("europe-west1", map(variables.get("region")).get("default"));
        assertTrue(map(hcl(files.get("outputs.tf")).get("output")).containsKey("bucket_url"));
    }

    @Test
    void gcpProjectWithoutParamMustBeSetByTheCaller() {
        Map<String, Object> variables = map(hcl(render(KIND, "{\"cloud\":\"gcp\"}").get("variables.tf")).get("variable"));

        assertFalse(map(variables.get("project_id")).containsKey("default"));
    }

    @Test
    void customNameAndRegionBecomeVariableDefaults() {
        Map<String, String> files = render(KIND, "{\"name\":\"audit-logs\",\"region\":\"us-gov-west-1\"}");
        Map<String, Object> variables = map(hcl(files.get("variables.tf")).get("variable"));

        assertEquals("audit-logs", map(variables.get("name")).get("default"));
        assertEquals("us-gov-west-1", map(variables.get("region")).get("default"));
        assertTrue(files.get("variables.tf").contains("validation {"), "the name is validated by Terraform too");
    }

    @Test
    void theSameParamsRenderTheSameBytes() {
        for (String params : List.of("{\"cloud\":\"aws\",\"name\":\"x\"}", "{\"cloud\":\"gcp\",\"region\":\"us-east1\"}")) {
            assertEquals(render(KIND, params), render(KIND, params));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"cloud\":\"azure\"}|cloud",
        "{\"region\":\"mars-1\"}|region",
        "{\"region\":\"europe-west1\"}|region",
        "{\"cloud\":\"gcp\",\"region\":\"eu-west-1\"}|region",
        "{\"name\":\"this-name-is-far-too-long-for-a-bucket\"}|name",
        "{\"name\":\"Data\"}|name",
        "{\"name\":\"a\\\"b\"}|name",
        "{\"cloud\":\"gcp\",\"project\":\"X\"}|project",
    })
    void invalidParamsAreRefusedNamingTheParam(String params, String param) {
        rejected(KIND, params, param);
    }

    private static Map<String, Object> resource(Map<String, Object> resources, String type) {
        return map(map(resources.get(type)).get("this"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) assertInstanceOf(Map.class, value);
    }
}
