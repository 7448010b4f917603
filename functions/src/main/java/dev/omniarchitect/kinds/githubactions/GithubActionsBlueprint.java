package dev.omniarchitect.kinds.githubactions;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.provider.blueprint.Blueprint;
import dev.omniarchitect.provider.blueprint.BlueprintParams;
import dev.omniarchitect.provider.blueprint.CommonParams;
import dev.omniarchitect.provider.blueprint.YamlScalar;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A CI workflow, {@code .github/workflows/ci.yml}, that builds and tests the project on pushes to and
 * pull requests against the given branches.
 *
 * <p>Read-only {@code GITHUB_TOKEN}, actions pinned to release tags, a pinned runner image, one
 * concurrency group per ref that cancels superseded runs, the setup action's dependency cache and a
 * job timeout. Params:
 * <table>
 *   <caption>params</caption>
 *   <tr><th>name</th><th>type</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>language</td><td>string</td><td>{@code java}</td><td>{@code java} (Maven, {@code mvn verify}),
 *       {@code node} (npm), {@code python} (pip and pytest) or {@code go}</td></tr>
 *   <tr><td>name</td><td>string: letters, digits, spaces and {@code ._()-}, at most 64</td><td>{@code CI}</td>
 *       <td>the workflow's name in the Actions tab</td></tr>
 *   <tr><td>branches</td><td>list of branch names or patterns ({@code release/*}), 1 to 20</td>
 *       <td>{@code ["main"]}</td><td>the branches pushes to and pull requests against run CI</td></tr>
 *   <tr><td>timeoutMinutes</td><td>integer 1-360</td><td>15</td><td>the job's timeout</td></tr>
 *   <tr><td>javaVersion</td><td>integer 17, 21 or 25</td><td>21</td><td>Temurin JDK (java)</td></tr>
 *   <tr><td>nodeVersion</td><td>integer 20, 22 or 24</td><td>22</td><td>Node.js (node)</td></tr>
 *   <tr><td>pythonVersion</td><td>string 3.11, 3.12 or 3.13</td><td>{@code 3.12}</td><td>Python (python)</td></tr>
 *   <tr><td>goVersion</td><td>string 1.23, 1.24 or 1.25</td><td>{@code 1.24}</td><td>Go (go)</td></tr>
 * </table>
 */
public final class GithubActionsBlueprint implements Blueprint {

    private static final Pattern WORKFLOW_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._()-]{0,63}");
    private static final Pattern BRANCH =
            Pattern.compile("(?!.*\\.\\.)(?!.*//)[A-Za-z0-9_*][A-Za-z0-9._/*-]{0,99}(?<![/.])");
    private static final int MAX_BRANCHES = 20;

    /** How one language is set up, cached and checked. */
    private record Toolchain(String title, String action, String versionInput, String version, String cache,
                             List<Step> steps) {
    }

    /** A step that runs a command. */
    private record Step(String name, String run) {
    }

    @Override
    public String kind() {
        return "github-actions";
    }

    @Override
    public List<GeneratedFile> render(BlueprintParams params) {
        String language = CommonParams.choice(params, "language", "java", List.of("java", "node", "python", "go"));
        String name = params.text("name", "CI", WORKFLOW_NAME,
                "a workflow name of at most 64 letters, digits, spaces and ._()-");
        List<String> branches = params.textList("branches", List.of("main"), BRANCH,
                "branch names or patterns such as main or release/*");
        if (branches.isEmpty() || branches.size() > MAX_BRANCHES) {
            throw CommonParams.invalid("branches", "must list 1 to " + MAX_BRANCHES + " branches, got "
                    + branches.size());
        }
        int timeout = params.integer("timeoutMinutes", 15, 1, 360);
        Toolchain toolchain = switch (language) {
            case "java" -> java(params);
            case "node" -> node(params);
            case "python" -> python(params);
            default -> go(params);
        };

        StringBuilder yaml = new StringBuilder()
                .append("name: ").append(YamlScalar.of(name)).append("\n\n")
                .append("on:\n")
                .append("  push:\n").append(branchList(branches))
                .append("  pull_request:\n").append(branchList(branches))
                .append("  workflow_dispatch:\n\n")
                .append("# The token can read the code and nothing else; widen this per job only where needed.\n")
                .append("permissions:\n  contents: read\n\n")
                .append("# A newer push to the same branch or pull request cancels the run it supersedes.\n")
                .append("concurrency:\n")
                .append("  group: ${{ github.workflow }}-${{ github.ref }}\n")
                .append("  cancel-in-progress: true\n\n")
                .append("jobs:\n")
                .append("  build:\n")
                .append("    name: Build and test\n")
                .append("    runs-on: ubuntu-24.04\n")
                .append("    timeout-minutes: ").append(timeout).append('\n')
                .append("    steps:\n")
                .append("      - name: Check out the code\n")
                .append("        uses: actions/checkout@v4\n")
                .append("        with:\n")
                .append("          persist-credentials: false\n")
                .append("      - name: Set up ").append(toolchain.title()).append(' ').append(toolchain.version())
                .append('\n')
                .append("        uses: ").append(toolchain.action()).append('\n')
                .append("        with:\n");
        if (language.equals("java")) {
            yaml.append("          distribution: temurin\n");
        }
        yaml.append("          ").append(toolchain.versionInput()).append(": ")
                .append(YamlScalar.quoted(toolchain.version())).append('\n')
                .append("          cache: ").append(toolchain.cache()).append('\n');
        for (Step step : toolchain.steps()) {
            yaml.append("      - name: ").append(step.name()).append('\n')
                    .append("        run: ").append(step.run()).append('\n');
        }
        return List.of(new GeneratedFile(".github/workflows/ci.yml", yaml.toString()));
    }

    private static String branchList(List<String> branches) {
        StringBuilder list = new StringBuilder("    branches:\n");
        branches.forEach(branch -> list.append("      - ").append(YamlScalar.of(branch)).append('\n'));
        return list.toString();
    }

    private static Toolchain java(BlueprintParams params) {
        int version = CommonParams.integerChoice(params, "javaVersion", 21, List.of(17, 21, 25));
        return new Toolchain("JDK", "actions/setup-java@v4", "java-version", String.valueOf(version), "maven",
                List.of(new Step("Build and test", "mvn -B -ntp verify")));
    }

    private static Toolchain node(BlueprintParams params) {
        int version = CommonParams.integerChoice(params, "nodeVersion", 22, List.of(20, 22, 24));
        return new Toolchain("Node.js", "actions/setup-node@v4", "node-version", String.valueOf(version), "npm",
                List.of(new Step("Install dependencies", "npm ci"),
                        new Step("Lint", "npm run lint --if-present"),
                        new Step("Test", "npm test"),
                        new Step("Build", "npm run build --if-present")));
    }

    private static Toolchain python(BlueprintParams params) {
        String version = CommonParams.choice(params, "pythonVersion", "3.12", List.of("3.11", "3.12", "3.13"));
        return new Toolchain("Python", "actions/setup-python@v5", "python-version", version, "pip",
                List.of(new Step("Install dependencies", "python -m pip install -r requirements.txt pytest"),
                        new Step("Test", "python -m pytest")));
    }

    private static Toolchain go(BlueprintParams params) {
        String version = CommonParams.choice(params, "goVersion", "1.24", List.of("1.23", "1.24", "1.25"));
        return new Toolchain("Go", "actions/setup-go@v5", "go-version", version, "true",
                List.of(new Step("Vet", "go vet ./..."),
                        new Step("Test", "go test -race ./..."),
                        new Step("Build", "go build ./...")));
    }
}
