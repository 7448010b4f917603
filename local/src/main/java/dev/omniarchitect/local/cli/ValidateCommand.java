package dev.omniarchitect.local.cli;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.kind.KindRegistry;
import dev.omniarchitect.local.tools.InstalledTools;
import dev.omniarchitect.validation.FileKinds;
import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.Severity;
import dev.omniarchitect.validation.ValidationReport;
import dev.omniarchitect.validation.ValidatorRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code omni validate FILE...}: checks existing files as generated ones are checked, without any provider. */
@Command(name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Checks existing files with the validator of their kind, as every generated file is checked, and",
            "adds the findings of the real tools installed here (shellcheck, hadolint, actionlint, promtool,",
            "kubeconform, terraform, cfn-lint, opa, kyverno; OMNI_TOOLS=off uses none). No provider is called.",
            "The kind comes from each file's name or content (Dockerfile, *.tf, .github/workflows/*.yml, ...),",
            "or from --kind for every file. Files of one kind are checked together (a Terraform module).",
            "Prints one line per finding (FILE:LINE: severity rule: message) and the tools that ran.",
            "Exit status: 0 no errors (warnings allowed), 1 some error, 2 bad arguments or unreadable files.",
            ""})
final class ValidateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The files to check.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--kind", paramLabel = "KIND", description = "The kind of every file, e.g. kubernetes.")
    String kind;

    private final Map<String, String> environment;

    ValidateCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ValidatorRegistry validators = ValidatorRegistry.builtIn(InstalledTools.fromEnvironment(environment));
        KindRegistry kinds = KindRegistry.builtIn();
        if (kind != null && !validators.supports(kind)) {
            err.println("omni validate: --kind " + kind + " has no validator; use one of " + kinds(validators));
            return ExitStatus.BAD_INPUT;
        }
        Map<String, List<GeneratedFile>> byKind = new LinkedHashMap<>();
        // A file whose name its kind's validator does not read (--kind dockerfile build.txt) is checked under
        // the kind's default name; its findings name the file again.
        Map<String, String> originals = new HashMap<>();
        for (Path file : files) {
            String content;
            try {
                content = Files.readString(file);
            } catch (MalformedInputException e) {
                err.println("omni validate: " + file + " is not UTF-8 text");
                return ExitStatus.BAD_INPUT;
            } catch (IOException e) {
                err.println("omni validate: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
                return ExitStatus.BAD_INPUT;
            }
            String path = file.toString().replace('\\', '/');
            String fileKind = kind != null ? kind : FileKinds.of(path, content, kinds, validators).orElse(null);
            if (fileKind == null || !validators.supports(fileKind)) {
                err.println("omni validate: cannot tell the kind of " + file + "; name it with --kind, one of "
                        + kinds(validators));
                return ExitStatus.BAD_INPUT;
            }
            String checkedAs = path;
            if (!validators.validator(fileKind).reads(path)) {
                checkedAs = originals.size() + "/" + kinds.get(fileKind).defaultFileName(0);
                originals.put(checkedAs, path);
            }
            byKind.computeIfAbsent(fileKind, k -> new ArrayList<>()).add(new GeneratedFile(checkedAs, content));
        }
        long errors = 0;
        long warnings = 0;
        Set<String> tools = new LinkedHashSet<>();
        for (var group : byKind.entrySet()) {
            ValidationReport report = validators.validate(group.getKey(), group.getValue());
            tools.addAll(report.tools());
            for (Finding finding : report.findings()) {
                out.println((finding.path() == null ? group.getKey() : originals.getOrDefault(finding.path(), finding.path()))
                        + (finding.line() == null ? "" : ":" + finding.line()) + ": " + finding.severity().wireName()
                        + " " + finding.rule() + ": " + finding.message());
                if (finding.severity() == Severity.ERROR) {
                    errors++;
                } else {
                    warnings++;
                }
            }
        }
        out.println(files.size() + (files.size() == 1 ? " file" : " files") + " (" + String.join(", ", byKind.keySet())
                + "): " + errors + (errors == 1 ? " error, " : " errors, ") + warnings
                + (warnings == 1 ? " warning" : " warnings") + "; checked by the built-in validators"
                + (tools.isEmpty() ? " (no real tool installed)" : " and " + String.join(", ", tools)));
        return errors > 0 ? ExitStatus.SOME_FAILED : ExitStatus.OK;
    }

    private static List<String> kinds(ValidatorRegistry validators) {
        return validators.all().stream().map(validator -> validator.kind()).toList();
    }
}
