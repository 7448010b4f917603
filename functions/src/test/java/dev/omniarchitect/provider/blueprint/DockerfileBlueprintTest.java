package dev.omniarchitect.provider.blueprint;

import static dev.omniarchitect.provider.blueprint.BlueprintTestSupport.assertSoundDockerfile;
import static dev.omniarchitect.provider.blueprint.BlueprintTestSupport.dockerInstructions;
import static dev.omniarchitect.provider.blueprint.BlueprintTestSupport.rejected;
import static dev.omniarchitect.provider.blueprint.BlueprintTestSupport.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DockerfileBlueprintTest {

    private static final String KIND = "dockerfile";

    @ParameterizedTest
    @ValueSource(strings = {"java", "node", "python", "go", "static"})
    void everyRuntimeRendersASoundDockerfileAndIgnoreFile(String runtime) {
        Map<String, String> files = render(KIND, "{\"runtime\":\"" + runtime + "\"}");

        assertEquals(List.of("Dockerfile", ".dockerignore"), List.copyOf(files.keySet()));
        String dockerfile = files.get("Dockerfile");
        assertSoundDockerfile(dockerfile, 8080);
        String url = runtime.equals("static") ? "http://127.0.0.1:8080/" : "http://127.0.0.1:8080/health";
        assertTrue(Pattern.compile(Pattern.quote(url) + "[\"']").matcher(healthcheck(dockerfile)).find(),
                healthcheck(dockerfile));
        String ignore = files.get(".dockerignore");
        for (String entry : List.of(".git", "**/.env", "**/*.pem")) {
            assertTrue(ignore.lines().anyMatch(entry::equals), ".dockerignore lacks " + entry);
        }
    }

    @Test
    void defaultsToAJavaMavenBuildOnTemurin21() {
        String dockerfile = render(KIND, "{}").get("Dockerfile");

        assertTrue(dockerfile.contains("FROM maven:3.9-eclipse-temurin-21 AS build\n"), dockerfile);
        assertTrue(dockerfile.contains("COPY pom.xml ./\n"));
        assertTrue(dockerfile.contains("COPY src ./src\n"));
        assertTrue(dockerfile.contains("RUN mvn -B package -DskipTests\n"));
        assertTrue(dockerfile.contains("FROM eclipse-temurin:21-jre\n"));
        assertTrue(dockerfile.contains("COPY --from=build /workspace/target/*.jar /app/app.jar\n"));
        assertTrue(dockerfile.contains("ENTRYPOINT [\"java\", "));
        assertTrue(render(KIND, "{}").get(".dockerignore").contains("target/\n"));
    }

    @ParameterizedTest
    @CsvSource({
        "java, javaVersion, 17, maven:3.9-eclipse-temurin-17 AS build, eclipse-temurin:17-jre",
        "java, javaVersion, 25, maven:3.9-eclipse-temurin-25 AS build, eclipse-temurin:25-jre",
        "node, nodeVersion, 20, node:20-bookworm-slim AS build, node:20-bookworm-slim",
        "static, nodeVersion, 24, node:24-bookworm-slim AS build, nginxinc/nginx-unprivileged:1.28-alpine",
        "python, pythonVersion, '\"3.13\"', python:3.13-slim-bookworm AS build, python:3.13-slim-bookworm",
        "go, goVersion, '\"1.25\"', golang:1.25-bookworm AS build, alpine:3.22",
    })
    void runtimeVersionsPickTheMatchingPinnedImages(String runtime, String param, String value,
                                                    String buildFrom, String runFrom) {
        String dockerfile = render(KIND, "{\"runtime\":\"" + runtime + "\",\"" + param + "\":" + value + "}")
                .get("Dockerfile");

        List<String> froms = dockerInstructions(dockerfile).stream()
                .filter(instruction -> instruction[0].equals("FROM")).map(instruction -> instruction[1]).toList();
        assertEquals(List.of(buildFrom, runFrom), froms);
    }

    @Test
    void nodeInstallsWithTheLockFileAndShipsOnlyProductionDependencies() {
        String dockerfile = render(KIND, "{\"runtime\":\"node\"}").get("Dockerfile");

        assertTrue(dockerfile.contains("COPY package.json package-lock.json ./\nRUN npm ci"), dockerfile);
        assertTrue(dockerfile.contains("npm prune --omit=dev"));
        assertTrue(dockerfile.contains("ENV NODE_ENV=production"));
    }

    @Test
    void pythonBuildsAVirtualEnvironmentFromRequirements() {
        String dockerfile = render(KIND, "{\"runtime\":\"python\"}").get("Dockerfile");

        assertTrue(dockerfile.contains("COPY requirements.txt ./\nRUN pip install --no-cache-dir -r requirements.txt"));
        assertTrue(dockerfile.contains("COPY --from=build /opt/venv /opt/venv"));
    }

    @Test
    void goBuildsAStaticBinaryNamedAfterTheApp() {
        String dockerfile = render(KIND, "{\"runtime\":\"go\",\"name\":\"orders\"}").get("Dockerfile");

        assertTrue(dockerfile.contains("CGO_ENABLED=0"));
        assertTrue(dockerfile.contains("-o /out/orders ."));
        assertTrue(dockerfile.contains("ENTRYPOINT [\"/usr/local/bin/orders\"]"));
    }

    @Test
    void staticSiteMovesNginxToAnotherPortOnlyWhenAsked() {
        String onDefault = render(KIND, "{\"runtime\":\"static\"}").get("Dockerfile");
        String onOther = render(KIND, "{\"runtime\":\"static\",\"port\":3000}").get("Dockerfile");

        assertFalse(onDefault.contains("sed "), onDefault);
        assertTrue(onOther.contains("8080;/\\13000;/' /etc/nginx/conf.d/default.conf"), onOther);
        assertSoundDockerfile(onOther, 3000);
        assertTrue(healthcheck(onOther).contains("http://127.0.0.1:3000/\""));
    }

    @Test
    void customNamePortAndHealthPathAreUsedThroughout() {
        String dockerfile = render(KIND,
                "{\"runtime\":\"python\",\"name\":\"billing-api\",\"port\":9090,\"healthPath\":\"/ready\"}")
                .get("Dockerfile");

        assertSoundDockerfile(dockerfile, 9090);
        assertTrue(dockerfile.contains("ENV PORT=9090\n"));
        assertTrue(dockerfile.contains("LABEL org.opencontainers.image.title=\"billing-api\"\n"));
        assertTrue(healthcheck(dockerfile).contains("'http://127.0.0.1:9090/ready'"), healthcheck(dockerfile));
        assertFalse(dockerfile.contains("8080"), dockerfile);
    }

    @Test
    void theSameParamsRenderTheSameBytes() {
        for (String runtime : List.of("java", "node", "python", "go", "static")) {
            String params = "{\"runtime\":\"" + runtime + "\",\"port\":8443,\"name\":\"x1\"}";
            assertEquals(render(KIND, params), render(KIND, params));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"port\":\"abc\"}|port",
        "{\"port\":70000}|port",
        "{\"port\":0}|port",
        "{\"port\":80.5}|port",
        "{\"runtime\":\"cobol\"}|runtime",
        "{\"runtime\":\"JAVA\"}|runtime",
        "{\"name\":\"My_App\"}|name",
        "{\"name\":\"app-\"}|name",
        "{\"name\":\"\"}|name",
        "{\"healthPath\":\"health\"}|healthPath",
        "{\"healthPath\":\"/h\\\"; rm -rf /\"}|healthPath",
        "{\"javaVersion\":11}|javaVersion",
        "{\"javaVersion\":\"21\"}|javaVersion",
        "{\"runtime\":\"node\",\"nodeVersion\":21}|nodeVersion",
        "{\"runtime\":\"python\",\"pythonVersion\":3.12}|pythonVersion",
        "{\"runtime\":\"go\",\"goVersion\":\"1.19\"}|goVersion",
    })
    void invalidParamsAreRefusedNamingTheParam(String params, String param) {
        rejected(KIND, params, param);
    }

    @Test
    void theRefusalSaysWhatIsAllowed() {
        String message = rejected(KIND, "{\"runtime\":\"cobol\"}", "runtime").getMessage();

        assertTrue(message.contains("java, node, python, go, static"), message);
        assertTrue(message.contains("\"cobol\""), message);
    }

    private static String healthcheck(String dockerfile) {
        return dockerInstructions(dockerfile).stream().filter(instruction -> instruction[0].equals("HEALTHCHECK"))
                .map(instruction -> instruction[1]).findFirst().orElse("");
    }
}
