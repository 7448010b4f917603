package dev.omniarchitect.local.tools;

import dev.omniarchitect.validation.ExternalCheck;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real checkers installed on this machine: for each tool we know how to run (shellcheck, hadolint,
 * actionlint, promtool, kubeconform, terraform, cfn-lint, opa, kyverno) that is on the PATH, an external
 * check whose findings the local engine adds to the kind's own. None is required; set
 * {@code OMNI_TOOLS=off} to use none.
 */
public final class InstalledTools {

    /** How long one run of a tool may take; terraform's init may download providers. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern VERSION = Pattern.compile("v?([0-9]+\\.[0-9]+(\\.[0-9]+)?)");

    static final List<ToolAdapter> KNOWN = List.of(new ShellcheckTool(), new HadolintTool(), new ActionlintTool(),
            new PromtoolTool(), new KubeconformTool(), new TerraformTool(), new CfnLintTool(), new OpaTool(),
            new KyvernoTool());

    private InstalledTools() {
    }

    /** The checks of every known tool on the environment's PATH, unless OMNI_TOOLS is off. */
    public static List<ExternalCheck> fromEnvironment(Map<String, String> environment) {
        if ("off".equalsIgnoreCase(environment.getOrDefault("OMNI_TOOLS", "").strip())) {
            return List.of();
        }
        return onPath(environment.getOrDefault("PATH", ""), KNOWN, TIMEOUT);
    }

    /** The checks of those tools found on the PATH, each run bounded by the timeout. */
    static List<ExternalCheck> onPath(String path, List<ToolAdapter> adapters, Duration timeout) {
        List<ExternalCheck> checks = new ArrayList<>();
        for (ToolAdapter adapter : adapters) {
            find(adapter.name(), path).ifPresent(executable ->
                    checks.add(new ToolCheck(adapter, executable, () -> version(executable, adapter), timeout)));
        }
        return List.copyOf(checks);
    }

    private static Optional<Path> find(String name, String path) {
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isBlank()) {
                continue;
            }
            Path candidate = Path.of(directory, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String version(Path executable, ToolAdapter adapter) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(adapter.versionArguments());
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File(File.separatorChar == '\\' ? "NUL" : "/dev/null")))
                    .start();
            byte[] output = process.getInputStream().readNBytes(64 * 1024);
            if (!process.waitFor(VERSION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return "(version unknown)";
            }
            Matcher version = VERSION.matcher(new String(output, StandardCharsets.UTF_8));
            return version.find() ? version.group(1) : "(version unknown)";
        } catch (IOException e) {
            return "(version unknown)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(version unknown)";
        }
    }
}
