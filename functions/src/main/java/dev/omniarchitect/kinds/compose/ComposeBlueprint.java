package dev.omniarchitect.kinds.compose;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.provider.blueprint.Blueprint;
import dev.omniarchitect.provider.blueprint.BlueprintParams;
import dev.omniarchitect.provider.blueprint.CommonParams;
import dev.omniarchitect.provider.blueprint.YamlScalar;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@code compose.yaml} (Compose Specification, no top-level {@code version}) for app services and
 * an optional database.
 *
 * <p>App services join a {@code frontend} network; the database sits alone with them on an internal
 * {@code backend} network, keeps its data in a named volume and reads its passwords from file-based
 * secrets. Every service has a pinned image, a healthcheck and a restart policy; app services run with
 * a read-only root file system, no capabilities and resource limits, and start once the database is
 * healthy. Only the first service publishes its port. Params:
 * <table>
 *   <caption>params</caption>
 *   <tr><th>name</th><th>type</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>services</td><td>list of DNS-1123 labels, 1 to 20, distinct</td><td>{@code ["app"]}</td>
 *       <td>the app services</td></tr>
 *   <tr><td>image</td><td>string, image with a tag or digest, not latest</td>
 *       <td>{@code <registry>/<service>:<tag>}</td><td>the image, only with a single service</td></tr>
 *   <tr><td>registry</td><td>string, registry and repository path</td><td>{@code ghcr.io/example}</td>
 *       <td>where the services' images live</td></tr>
 *   <tr><td>tag</td><td>string, image tag, not latest</td><td>{@code 1.0.0}</td><td>the services' image tag</td></tr>
 *   <tr><td>port</td><td>integer 1-65535</td><td>8080</td><td>the port every app service listens on</td></tr>
 *   <tr><td>healthPath</td><td>string, HTTP path</td><td>{@code /health}</td><td>what the app healthcheck requests</td></tr>
 *   <tr><td>database</td><td>string</td><td>{@code postgres}</td>
 *       <td>{@code postgres} (postgres:17-alpine), {@code mysql} (mysql:8.4) or {@code none}</td></tr>
 * </table>
 */
public final class ComposeBlueprint implements Blueprint {

    private static final int MAX_SERVICES = 20;
    private static final String DATABASE_SERVICE = "db";
    private static final Pattern REGISTRY =
            Pattern.compile("[a-z0-9]+(?:[.-][a-z0-9]+)*(?::[0-9]{1,5})?(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("(?!(?i:latest)$)[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    /** The database service's image, port, settings, data directory and health test. */
    private record Database(String image, int port, List<String> environment, List<String> secrets,
                            String dataDirectory, String healthTest) {
    }

    private static final Database POSTGRES = new Database("postgres:17-alpine", 5432,
            List.of("POSTGRES_DB: app", "POSTGRES_USER: app", "POSTGRES_PASSWORD_FILE: /run/secrets/db_password"),
            List.of("db_password"), "/var/lib/postgresql/data",
            "[\"CMD-SHELL\", \"pg_isready -h 127.0.0.1 -U app -d app\"]");

    private static final Database MYSQL = new Database("mysql:8.4", 3306,
            List.of("MYSQL_DATABASE: app", "MYSQL_USER: app", "MYSQL_PASSWORD_FILE: /run/secrets/db_password",
                    "MYSQL_ROOT_PASSWORD_FILE: /run/secrets/db_root_password"),
            List.of("db_password", "db_root_password"), "/var/lib/mysql",
            "[\"CMD\", \"mysqladmin\", \"ping\", \"-h\", \"127.0.0.1\", \"--silent\"]");

    @Override
    public String kind() {
        return "docker-compose";
    }

    @Override
    public List<GeneratedFile> render(BlueprintParams params) {
        List<String> services = services(params);
        String registry = params.text("registry", "ghcr.io/example", REGISTRY,
                "a registry and repository path such as ghcr.io/example");
        String tag = params.text("tag", "1.0.0", TAG, "an image tag other than latest, such as 1.0.0");
        String image = CommonParams.image(params, null);
        if (image != null && services.size() > 1) {
            throw CommonParams.invalid("image", "can only be set with a single service; use registry and tag");
        }
        int port = CommonParams.port(params);
        String healthPath = CommonParams.healthPath(params, "/health");
        Database database = switch (CommonParams.choice(params, "database", "postgres",
                List.of("postgres", "mysql", "none"))) {
            case "postgres" -> POSTGRES;
            case "mysql" -> MYSQL;
            default -> null;
        };
        if (database != null && services.contains(DATABASE_SERVICE)) {
            throw CommonParams.invalid("services", "must not contain \"" + DATABASE_SERVICE
                    + "\", the database service's name; rename it or set database to none");
        }

        StringBuilder yaml = new StringBuilder()
                .append("# App services on the frontend network")
                .append(database == null ? ".\n" : "; the database only on the internal backend network.\n");
        if (database != null) {
            yaml.append("# Create the secret files first, for example:\n");
            for (String secret : database.secrets()) {
                yaml.append("#   mkdir -p secrets && openssl rand -base64 32 > secrets/").append(secret)
                        .append(".txt\n");
            }
        }
        yaml.append("\nservices:\n");
        for (int i = 0; i < services.size(); i++) {
            String service = services.get(i);
            String serviceImage = image != null ? image : registry + "/" + service + ":" + tag;
            if (i > 0) {
                yaml.append('\n');
            }
            appService(yaml, service, serviceImage, port, healthPath, i == 0, database);
        }
        if (database != null) {
            yaml.append('\n');
            databaseService(yaml, database);
        }
        yaml.append("\nnetworks:\n  frontend: {}\n");
        if (database != null) {
            yaml.append("  backend:\n    internal: true\n")
                    .append("\nvolumes:\n  db-data: {}\n")
                    .append("\nsecrets:\n");
            for (String secret : database.secrets()) {
                yaml.append("  ").append(secret).append(":\n    file: ./secrets/").append(secret).append(".txt\n");
            }
        }
        return List.of(new GeneratedFile("compose.yaml", yaml.toString()));
    }

    private static List<String> services(BlueprintParams params) {
        List<String> services = params.textList("services", List.of("app"), CommonParams.DNS_LABEL,
                CommonParams.DNS_LABEL_RULE);
        if (services.isEmpty() || services.size() > MAX_SERVICES) {
            throw CommonParams.invalid("services", "must list 1 to " + MAX_SERVICES + " services, got "
                    + services.size());
        }
        Set<String> seen = new HashSet<>();
        for (String service : services) {
            if (!seen.add(service)) {
                throw CommonParams.invalid("services", "must not repeat a name, got \"" + service + "\" twice");
            }
        }
        return services;
    }

    private static void appService(StringBuilder yaml, String service, String image, int port, String healthPath,
                                   boolean published, Database database) {
        String url = "http://127.0.0.1:" + port + healthPath;
        yaml.append("  ").append(YamlScalar.of(service)).append(":\n")
                .append("    image: ").append(YamlScalar.of(image)).append('\n')
                .append("    restart: unless-stopped\n");
        if (published) {
            yaml.append("    ports:\n      - ").append(YamlScalar.quoted(port + ":" + port)).append('\n');
        }
        yaml.append("    environment:\n      PORT: ").append(YamlScalar.quoted(String.valueOf(port))).append('\n');
        if (database != null) {
            yaml.append("      DB_HOST: ").append(DATABASE_SERVICE).append('\n')
                    .append("      DB_PORT: ").append(YamlScalar.quoted(String.valueOf(database.port()))).append('\n')
                    .append("      DB_NAME: app\n      DB_USER: app\n")
                    .append("      DB_PASSWORD_FILE: /run/secrets/db_password\n")
                    .append("    secrets:\n      - db_password\n")
                    .append("    depends_on:\n      ").append(DATABASE_SERVICE).append(":\n")
                    .append("        condition: service_healthy\n");
        }
        yaml.append("    healthcheck:\n")
                .append("      # Needs wget or curl in the image; or drop this block to use the image's HEALTHCHECK.\n")
                .append("      test: [\"CMD-SHELL\", \"wget -q -O /dev/null ").append(url)
                .append(" || curl -fsS -o /dev/null ").append(url).append(" || exit 1\"]\n");
        healthTiming(yaml, "30s", 3);
        yaml.append("    read_only: true\n    tmpfs:\n      - /tmp\n")
                .append("    cap_drop:\n      - ALL\n")
                .append("    security_opt:\n      - no-new-privileges:true\n")
                .append("    deploy:\n      resources:\n        limits:\n")
                .append("          cpus: \"1.0\"\n          memory: 512M\n")
                .append("    networks:\n      - frontend\n");
        if (database != null) {
            yaml.append("      - backend\n");
        }
    }

    private static void databaseService(StringBuilder yaml, Database database) {
        yaml.append("  ").append(DATABASE_SERVICE).append(":\n")
                .append("    image: ").append(database.image()).append('\n')
                .append("    restart: unless-stopped\n")
                .append("    environment:\n");
        database.environment().forEach(line -> yaml.append("      ").append(line).append('\n'));
        yaml.append("    secrets:\n");
        database.secrets().forEach(secret -> yaml.append("      - ").append(secret).append('\n'));
        yaml.append("    volumes:\n      - db-data:").append(database.dataDirectory()).append('\n')
                .append("    healthcheck:\n      test: ").append(database.healthTest()).append('\n');
        healthTiming(yaml, "10s", 5);
        yaml.append("    networks:\n      - backend\n");
    }

    private static void healthTiming(StringBuilder yaml, String interval, int retries) {
        yaml.append("      interval: ").append(interval).append('\n')
                .append("      timeout: 5s\n")
                .append("      retries: ").append(retries).append('\n')
                .append("      start_period: 30s\n");
    }
}
