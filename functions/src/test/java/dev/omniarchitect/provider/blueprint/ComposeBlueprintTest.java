package dev.omniarchitect.provider.blueprint;

import static dev.omniarchitect.provider.blueprint.BlueprintTestSupport.assertPinned;
import static dev.omniarchitect.provider.blueprint.BlueprintTestSupport.fieldNames;
import static dev.omniarchitect.provider.blueprint.BlueprintTestSupport.rejected;
import static dev.omniarchitect.provider.blueprint.BlueprintTestSupport.render;
import static dev.omniarchitect.provider.blueprint.BlueprintTestSupport.texts;
import static dev.omniarchitect.provider.blueprint.BlueprintTestSupport.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ComposeBlueprintTest {

    private static final String KIND = "docker-compose";

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "mysql", "none"})
    void everyDatabaseChoiceFollowsTheComposePractices(String database) {
        Map<String, String> files = render(KIND, "{\"database\":\"" + database + "\"}");
        assertEquals(List.of("compose.yaml"), List.copyOf(files.keySet()));
        JsonNode compose = yaml(files.get("compose.yaml"));

        assertFalse(compose.has("version"), "the Compose Specification has no top-level version");
        JsonNode services = compose.get("services");
        assertEquals(database.equals("none") ? List.of("app") : List.of("app", "db"), fieldNames(services));
        for (String name : fieldNames(services)) {
            JsonNode service = services.get(name);
            assertPinned(service.get("image").asText());
            assertEquals("unless-stopped", service.path("restart").asText(), name);
            assertTrue(service.path("healthcheck").path("test").isArray(), name + " needs a healthcheck");
            assertTrue(service.path("networks").isArray() && !service.path("networks").isEmpty(), name);
            service.path("environment").fieldNames().forEachRemaining(key -> assertFalse(
                    key.contains("PASSWORD") && !key.endsWith("_FILE"), name + " has an inline password: " + key));
        }
        assertTrue(compose.path("networks").has("frontend"));
    }

    @Test
    void postgresByDefaultWithSecretsVolumeAndHealthyDependency() {
        JsonNode compose = yaml(render(KIND, null).get("compose.yaml"));
        JsonNode app = compose.at("/services/app");
        JsonNode db = compose.at("/services/db");

        assertEquals("ghcr.io/example/app:1.0.0", app.get("image").asText());
        assertEquals("service_healthy", app.at("/depends_on/db/condition").asText());
        assertEquals(List.of("8080:8080"), texts(app.get("ports")));
        assertEquals("postgres:17-alpine", db.get("image").asText());
        assertEquals("/run/secrets/db_password", db.at("/environment/POSTGRES_PASSWORD_FILE").asText());
        assertEquals(List.of("db_password"), texts(db.get("secrets")));
        assertEquals("./secrets/db_password.txt", compose.at("/secrets/db_password/file").asText());
        assertEquals(List.of("db-data:/var/lib/postgresql/data"), texts(db.get("volumes")));
        assertTrue(compose.at("/volumes").has("db-data"), "the data volume must be named");
        assertEquals(List.of("backend"), texts(db.get("networks")));
        assertTrue(compose.at("/networks/backend/internal").asBoolean());
        assertTrue(db.at("/healthcheck/test").toString().contains("pg_isready"));
        assertFalse(db.has("ports"), "the database must not be published");
    }

    @Test
    void appServicesAreHardened() {
        JsonNode app = yaml(render(KIND, null).get("compose.yaml")).at("/services/app");

        assertTrue(app.get("read_only").asBoolean());
        assertEquals(List.of("ALL"), texts(app.get("cap_drop")));
        assertEquals(List.of("no-new-privileges:true"), texts(app.get("security_opt")));
        assertEquals("512M", app.at("/deploy/resources/limits/memory").asText());
        assertEquals(List.of("/tmp"), texts(app.get("tmpfs")));
    }

    @Test
    void mysqlGetsItsOwnRootPasswordSecret() {
        JsonNode compose = yaml(render(KIND, "{\"database\":\"mysql\"}").get("compose.yaml"));
        JsonNode db = compose.at("/services/db");

        assertEquals("mysql:8.4", db.get("image").asText());
        assertEquals(List.of("db_password", "db_root_password"), texts(db.get("secrets")));
        assertEquals("/run/secrets/db_root_password", db.at("/environment/MYSQL_ROOT_PASSWORD_FILE").asText());
        assertEquals(List.of("db-data:/var/lib/mysql"), texts(db.get("volumes")));
        assertEquals(List.of("db_password", "db_root_password"), fieldNames(compose.get("secrets")));
        assertEquals("3306", compose.at("/services/app/environment/DB_PORT").asText());
    }

    @Test
    void withoutADatabaseThereAreNoSecretsVolumesOrDependencies() {
        JsonNode compose = yaml(render(KIND, "{\"database\":\"none\"}").get("compose.yaml"));

        assertFalse(compose.has("secrets"));
        assertFalse(compose.has("volumes"));
        assertFalse(compose.at("/services/app").has("depends_on"));
        assertEquals(List.of("frontend"), fieldNames(compose.get("networks")));
    }

    @Test
    void severalServicesShareTheDatabaseAndOnlyTheFirstIsPublished() {
        JsonNode services = yaml(render(KIND, "{\"services\":[\"api\",\"worker\"],\"port\":3000}")
                .get("compose.yaml")).get("services");

        assertEquals(List.of("api", "worker", "db"), fieldNames(services));
        assertEquals(List.of("3000:3000"), texts(services.at("/api/ports")));
        assertFalse(services.get("worker").has("ports"));
        assertEquals("ghcr.io/example/worker:1.0.0", services.at("/worker/image").asText());
        assertEquals("service_healthy", services.at("/worker/depends_on/db/condition").asText());
        assertEquals("3000", services.at("/worker/environment/PORT").asText());
        assertTrue(services.at("/worker/healthcheck/test").toString().contains("http://127.0.0.1:3000/health"));
    }

    @Test
    void imageRegistryAndTagParams() {
        JsonNode single = yaml(render(KIND, "{\"image\":\"registry.example.com:5000/team/shop@sha256:"
                + "a".repeat(64) + "\"}").get("compose.yaml"));
        JsonNode several = yaml(render(KIND, "{\"services\":[\"a\",\"b\"],\"registry\":\"quay.io/acme\","
                + "\"tag\":\"2024.06.1\"}").get("compose.yaml"));

        assertEquals("registry.example.com:5000/team/shop@sha256:" + "a".repeat(64),
                single.at("/services/app/image").asText());
        assertEquals("quay.io/acme/b:2024.06.1", several.at("/services/b/image").asText());
    }

    @Test
    void serviceNamesThatLookLikeOtherYamlTypesStayStrings() {
        String text = render(KIND, "{\"services\":[\"no\",\"123\",\"on\"],\"database\":\"none\"}").get("compose.yaml");
        JsonNode services = yaml(text).get("services");

        assertEquals(List.of("no", "123", "on"), fieldNames(services));
        assertTrue(text.contains("  \"no\":\n"), text);
        assertTrue(text.contains("  \"123\":\n"), text);
    }

    @Test
    void theSameParamsRenderTheSameBytes() {
        String params = "{\"services\":[\"a\",\"b\"],\"database\":\"mysql\",\"port\":5000}";
        assertEquals(render(KIND, params), render(KIND, params));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"services\":[]}|services",
        "{\"services\":\"app\"}|services",
        "{\"services\":[\"Bad_Name\"]}|services",
        "{\"services\":[\"a\",\"a\"]}|services",
        "{\"services\":[\"db\"]}|services",
        "{\"services\":[\"a\",\"b\"],\"image\":\"nginx:1.27\"}|image",
        "{\"image\":\"nginx:latest\"}|image",
        "{\"image\":\"nginx\"}|image",
        "{\"tag\":\"latest\"}|tag",
        "{\"registry\":\"https://ghcr.io/x\"}|registry",
        "{\"database\":\"oracle\"}|database",
        "{\"port\":70000}|port",
        "{\"port\":\"abc\"}|port",
    })
    void invalidParamsAreRefusedNamingTheParam(String params, String param) {
        rejected(KIND, params, param);
    }

    @Test
    void aServiceNamedDbIsFineWithoutADatabase() {
        JsonNode services = yaml(render(KIND, "{\"services\":[\"db\"],\"database\":\"none\"}").get("compose.yaml"))
                .get("services");

        assertEquals(List.of("db"), fieldNames(services));
    }
}
