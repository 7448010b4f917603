package dev.omniarchitect.local.tools;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.validation.ExternalCheck;
import dev.omniarchitect.validation.FileValidator;
import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.ValidatorRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * An installed tool as an external check: writes the kind's files into a fresh temporary directory, runs
 * the tool there (each invocation bounded in time) and returns its findings; a tool that times out or
 * cannot run yields one warning saying so, never an exception, and the item's own checks stand.
 */
final class ToolCheck implements ExternalCheck {

    private final ToolAdapter adapter;
    private final Path executable;
    private final Supplier<String> version;
    private final Duration timeout;
    /** Asked of the tool on first use, not while the engine starts (a process per tool, before any job). */
    private volatile String label;

    ToolCheck(ToolAdapter adapter, Path executable, Supplier<String> version, Duration timeout) {
        this.adapter = adapter;
        this.executable = executable;
        this.version = version;
        this.timeout = timeout;
    }

    /** The tool and its version, as findings and reports name it. */
    String label() {
        String known = label;
        if (known == null) {
            known = adapter.name() + " " + version.get();
            label = known;
        }
        return known;
    }

    @Override
    public Set<String> kinds() {
        return adapter.kinds();
    }

    @Override
    public Result check(FileValidator validator, List<GeneratedFile> files) {
        Path directory = null;
        try {
            directory = Files.createTempDirectory("omni-" + adapter.name() + "-");
            Path root = directory.resolve("files");
            Files.createDirectories(root);
            // Files are written under relative paths inside the directory, whatever their own paths.
            Map<String, String> originals = new HashMap<>();
            List<GeneratedFile> copies = new ArrayList<>();
            for (GeneratedFile file : files) {
                String relative = relative(file.path());
                Path target = root.resolve(relative).normalize();
                if (!target.startsWith(root) || originals.putIfAbsent(relative, file.path()) != null) {
                    continue;
                }
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.content());
                copies.add(new GeneratedFile(relative, file.content()));
            }
            List<Finding> findings = adapter.check(new ToolRun(executable, label(), root, timeout), validator, copies).stream()
                    .map(finding -> new Finding(finding.severity(), finding.rule(), finding.message(),
                            finding.path() == null ? null : originals.getOrDefault(finding.path(), finding.path()),
                            finding.line(), finding.fix()))
                    .toList();
            return new Result(label(), findings);
        } catch (ToolRun.Failure e) {
            return new Result(label(), List.of(ValidatorRegistry.TOOL_FAILED.at(null, null, e.getMessage())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(directory);
        }
    }

    /** A path that stays inside the directory: no root, no drive, no parent steps. */
    static String relative(String path) {
        String relative = path.replace('\\', '/').replaceFirst("^([A-Za-z]:)?/+", "");
        return String.join("/", java.util.Arrays.stream(relative.split("/"))
                .map(segment -> segment.equals("..") ? "_" : segment).filter(segment -> !segment.isEmpty()
                        && !segment.equals(".")).toList());
    }

    private static void delete(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // The temporary directory is left for the system to clean.
        }
    }
}
