package dev.omniarchitect.kinds.dockerfile;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.provider.blueprint.Blueprint;
import dev.omniarchitect.provider.blueprint.BlueprintParams;
import dev.omniarchitect.provider.blueprint.CommonParams;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A multi-stage {@code Dockerfile} and its {@code .dockerignore} for one service.
 *
 * <p>The build stage builds the conventional project of the runtime; the final stage holds only what
 * runs, on a pinned base tag, as a non-root user, with a HEALTHCHECK. Params:
 * <table>
 *   <caption>params</caption>
 *   <tr><th>name</th><th>type</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>runtime</td><td>string</td><td>{@code java}</td>
 *       <td>{@code java} (Maven project, {@code pom.xml} + {@code src/}), {@code node} (npm project with
 *       {@code package-lock.json}, started by {@code server.js}), {@code python} ({@code requirements.txt},
 *       started by {@code main.py}), {@code go} (module with a main package at its root) or {@code static}
 *       (npm build into {@code dist/}, served by unprivileged nginx)</td></tr>
 *   <tr><td>name</td><td>string, DNS-1123 label</td><td>{@code app}</td><td>the app's name (image title, Go binary)</td></tr>
 *   <tr><td>port</td><td>integer 1-65535</td><td>8080</td><td>the port the app listens on ({@code $PORT})</td></tr>
 *   <tr><td>healthPath</td><td>string, HTTP path</td><td>{@code /health} ({@code /} for static)</td>
 *       <td>what the HEALTHCHECK requests</td></tr>
 *   <tr><td>javaVersion</td><td>integer 17, 21 or 25</td><td>21</td><td>JDK for the build, JRE to run</td></tr>
 *   <tr><td>nodeVersion</td><td>integer 20, 22 or 24</td><td>22</td><td>Node.js (node and static)</td></tr>
 *   <tr><td>pythonVersion</td><td>string 3.11, 3.12 or 3.13</td><td>{@code 3.12}</td><td>Python</td></tr>
 *   <tr><td>goVersion</td><td>string 1.23, 1.24 or 1.25</td><td>{@code 1.24}</td><td>Go toolchain</td></tr>
 * </table>
 */
public final class DockerfileBlueprint implements Blueprint {

    static final List<String> RUNTIMES = List.of("java", "node", "python", "go", "static");

    /** Where the app's own non-root user lives; Kubernetes manifests can then use the same runAsUser. */
    private static final String APP_USER = "10001:10001";

    private static final String DEBIAN_APP_USER = """
            groupadd --system --gid 10001 app \\
                && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app""";

    private static final String NPM_BUILD_STAGE = """
            FROM node:%d-bookworm-slim AS build
            WORKDIR /app
            # Dependencies first, so this layer stays cached until the lock file changes.
            COPY package.json package-lock.json ./
            RUN npm ci && npm cache clean --force
            COPY . .
            """;

    /** What differs between runtimes: the two stages, how to probe health and how to start. */
    private record Plan(String stages, String user, List<String> healthCheck, int startPeriodSeconds,
                        List<String> entrypoint, String portNote, String ignored) {
    }

    @Override
    public String kind() {
        return "dockerfile";
    }

    @Override
    public List<GeneratedFile> render(BlueprintParams params) {
        String runtime = CommonParams.choice(params, "runtime", "java", RUNTIMES);
        String name = CommonParams.name(params);
        int port = CommonParams.port(params);
        String healthPath = CommonParams.healthPath(params, runtime.equals("static") ? "/" : "/health");
        String healthUrl = "http://127.0.0.1:" + port + healthPath;
        Plan plan = switch (runtime) {
            case "java" -> java(params, healthUrl);
            case "node" -> node(params, healthUrl);
            case "python" -> python(params, healthUrl);
            case "go" -> go(params, name, healthUrl);
            default -> staticSite(params, port, healthUrl);
        };
        return List.of(
                new GeneratedFile("Dockerfile", dockerfile(runtime, name, port, plan)),
                new GeneratedFile(".dockerignore", dockerignore(plan.ignored())));
    }

    private static String dockerfile(String runtime, String name, int port, Plan plan) {
        StringBuilder text = new StringBuilder()
                .append("# ").append(name).append(" (").append(runtime).append("): multi-stage build, ")
                .append("pinned base images, non-root user.\n")
                .append("# Build and run: docker build -t ").append(name).append(":dev . && docker run --rm -p ")
                .append(port).append(':').append(port).append(' ').append(name).append(":dev\n\n")
                .append(plan.stages())
                .append("LABEL org.opencontainers.image.title=\"").append(name).append("\"\n");
        if (plan.portNote() != null) {
            text.append("# ").append(plan.portNote()).append('\n')
                    .append("ENV PORT=").append(port).append('\n');
        }
        text.append("USER ").append(plan.user()).append('\n')
                .append("EXPOSE ").append(port).append('\n')
                .append("HEALTHCHECK --interval=30s --timeout=5s --start-period=").append(plan.startPeriodSeconds())
                .append("s --retries=3 \\\n    CMD ").append(execForm(plan.healthCheck())).append('\n');
        if (!plan.entrypoint().isEmpty()) {
            text.append("ENTRYPOINT ").append(execForm(plan.entrypoint())).append('\n');
        }
        return text.toString();
    }

    private static Plan java(BlueprintParams params, String healthUrl) {
        int version = CommonParams.integerChoice(params, "javaVersion", 21, List.of(17, 21, 25));
        String stages = """
                FROM maven:3.9-eclipse-temurin-%1$d AS build
                WORKDIR /workspace
                # Dependencies first, so this layer stays cached until pom.xml changes.
                COPY pom.xml ./
                RUN mvn -B -q dependency:go-offline
                COPY src ./src
                RUN mvn -B package -DskipTests

                FROM eclipse-temurin:%1$d-jre
                # curl serves the HEALTHCHECK; the apt lists go away in the same layer.
                RUN apt-get update \\
                    && apt-get install -y --no-install-recommends curl \\
                    && rm -rf /var/lib/apt/lists/* \\
                    && %2$s
                WORKDIR /app
                COPY --from=build /workspace/target/*.jar /app/app.jar
                """.formatted(version, DEBIAN_APP_USER);
        return new Plan(stages, APP_USER, List.of("curl", "-fsS", "-o", "/dev/null", healthUrl), 60,
                List.of("java", "-XX:MaxRAMPercentage=75.0", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/app.jar"),
                "The app listens on $PORT (Spring Boot: server.port=${PORT}).",
                "target/\n**/*.log\n");
    }

    private static Plan node(BlueprintParams params, String healthUrl) {
        int version = CommonParams.integerChoice(params, "nodeVersion", 22, List.of(20, 22, 24));
        String stages = NPM_BUILD_STAGE.formatted(version) + """
                RUN npm run build --if-present \\
                    && npm prune --omit=dev \\
                    && npm cache clean --force

                FROM node:%d-bookworm-slim
                ENV NODE_ENV=production
                WORKDIR /app
                # Owned by root, so the app cannot change its own code.
                COPY --from=build /app /app
                """.formatted(version);
        String probe = "fetch('" + healthUrl + "').then((r) => process.exit(r.ok ? 0 : 1))"
                + ".catch(() => process.exit(1))";
        // 1000 is the node user of the official image.
        return new Plan(stages, "1000:1000", List.of("node", "-e", probe), 20,
                List.of("node", "server.js"), "The app listens on $PORT; change server.js to your entry point.",
                "**/node_modules\ndist/\ncoverage/\nnpm-debug.log*\n");
    }

    private static Plan python(BlueprintParams params, String healthUrl) {
        String version = CommonParams.choice(params, "pythonVersion", "3.12", List.of("3.11", "3.12", "3.13"));
        String stages = """
                FROM python:%1$s-slim-bookworm AS build
                ENV PIP_DISABLE_PIP_VERSION_CHECK=1
                RUN python -m venv /opt/venv
                ENV PATH="/opt/venv/bin:$PATH"
                WORKDIR /app
                COPY requirements.txt ./
                RUN pip install --no-cache-dir -r requirements.txt

                FROM python:%1$s-slim-bookworm
                ENV PYTHONDONTWRITEBYTECODE=1 \\
                    PYTHONUNBUFFERED=1 \\
                    PATH="/opt/venv/bin:$PATH"
                RUN %2$s
                WORKDIR /app
                COPY --from=build /opt/venv /opt/venv
                COPY . .
                """.formatted(version, DEBIAN_APP_USER);
        String probe = "import urllib.request; urllib.request.urlopen('" + healthUrl + "', timeout=4)";
        return new Plan(stages, APP_USER, List.of("python", "-c", probe), 20,
                List.of("python", "main.py"), "The app listens on $PORT; change main.py to your entry point.",
                "**/__pycache__\n**/*.pyc\n.venv/\nvenv/\n.pytest_cache/\n.mypy_cache/\n");
    }

    private static Plan go(BlueprintParams params, String name, String healthUrl) {
        String version = CommonParams.choice(params, "goVersion", "1.24", List.of("1.23", "1.24", "1.25"));
        String stages = """
                FROM golang:%1$s-bookworm AS build
                WORKDIR /src
                # Modules first, so this layer stays cached until go.mod or go.sum changes.
                COPY go.mod go.sum* ./
                RUN go mod download
                COPY . .
                RUN CGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags="-s -w" -o /out/%2$s .

                FROM alpine:3.22
                # apk --no-cache keeps no package index in the layer.
                RUN apk add --no-cache ca-certificates tzdata \\
                    && addgroup -S -g 10001 app \\
                    && adduser -S -D -H -u 10001 -G app -s /sbin/nologin app
                COPY --from=build /out/%2$s /usr/local/bin/%2$s
                """.formatted(version, name);
        return new Plan(stages, APP_USER, List.of("wget", "-q", "-O", "/dev/null", healthUrl), 10,
                List.of("/usr/local/bin/" + name), "The app listens on $PORT.",
                "bin/\n*.test\ncoverage.out\n");
    }

    private static Plan staticSite(BlueprintParams params, int port, String healthUrl) {
        int version = CommonParams.integerChoice(params, "nodeVersion", 22, List.of(20, 22, 24));
        StringBuilder stages = new StringBuilder(NPM_BUILD_STAGE.formatted(version))
                .append("# Vite and most bundlers write dist/; change the COPY below if yours differs.\n")
                .append("RUN npm run build\n\n")
                .append("FROM nginxinc/nginx-unprivileged:1.28-alpine\n");
        if (port != 8080) {
            // The image listens on 8080 and lets its nginx user (101) edit /etc/nginx.
            stages.append("RUN sed -i -E 's/(listen +(\\[::\\]:)?)8080;/\\1").append(port)
                    .append(";/' /etc/nginx/conf.d/default.conf\n");
        }
        stages.append("COPY --from=build /app/dist /usr/share/nginx/html\n");
        // 101 is the nginx user of the unprivileged image, which keeps the image's own nginx command.
        return new Plan(stages.toString(), "101:101", List.of("wget", "-q", "-O", "/dev/null", healthUrl), 5,
                List.of(), null, "**/node_modules\ndist/\ncoverage/\nnpm-debug.log*\n");
    }

    private static String dockerignore(String runtimeEntries) {
        return """
                # Keep the build context small, and secrets out of it.
                .git
                .github
                .idea
                .vscode
                Dockerfile
                .dockerignore
                **/.env
                **/.env.*
                **/*.pem
                **/*.key
                """ + runtimeEntries;
    }

    /** The JSON array form of a command, which runs without a shell. */
    private static String execForm(List<String> args) {
        return args.stream()
                .map(arg -> '"' + arg.replace("\\", "\\\\").replace("\"", "\\\"") + '"')
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
