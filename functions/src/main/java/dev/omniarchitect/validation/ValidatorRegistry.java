package dev.omniarchitect.validation;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.kinds.BuiltInKinds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * The validator of each kind, chosen by kind name; the built-in ones come from each kind's definition
 * ({@link BuiltInKinds}). Built once at initialisation: the
 * validators hold parsers and type lookups that are expensive to make.
 */
public final class ValidatorRegistry {

    /** Reported when a validator fails on its input, which is a bug of ours, never of the files. */
    static final Rule NOT_CHECKED = Rule.warning("validation/not-checked",
            "The files were not checked; report the validator failure.");

    /** Reported when a real tool could not run to the end (not found any more, timed out, crashed). */
    public static final Rule TOOL_FAILED = Rule.warning("validation/tool-failed",
            "The tool's check is missing from this report; run the tool by hand to see why it failed.");

    private final Map<String, FileValidator> validators;
    private final List<ExternalCheck> externalChecks;
    /**
     * Where checks run: inline when every check is in-process (parsing is quick), on threads of their own when
     * installed tools take part, as those wait on a process (up to its bound) and must never hold the event
     * loop whose answer started the check. Tasks are bounded upstream by the items in flight.
     */
    private final Executor checking;

    public ValidatorRegistry(List<FileValidator> validators) {
        this(validators, List.of());
    }

    /** The validators, and the external checks whose findings are added to theirs. */
    public ValidatorRegistry(List<FileValidator> validators, List<ExternalCheck> externalChecks) {
        this.externalChecks = List.copyOf(externalChecks);
        this.checking = externalChecks.isEmpty() ? Runnable::run : Executors.newFixedThreadPool(
                Math.max(2, Runtime.getRuntime().availableProcessors()), runnable -> {
                    Thread thread = new Thread(runnable, "omni-checks");
                    thread.setDaemon(true);
                    return thread;
                });
        Map<String, FileValidator> byKind = new LinkedHashMap<>();
        for (FileValidator validator : validators) {
            if (byKind.put(validator.kind(), validator) != null) {
                throw new IllegalArgumentException("two validators for kind " + validator.kind());
            }
        }
        this.validators = Map.copyOf(byKind);
    }

    /** The registry with a validator for every built-in kind that has files to check. */
    public static ValidatorRegistry builtIn() {
        return builtIn(List.of());
    }

    /** The built-in validators, with the findings of these external checks (real tools) added. */
    public static ValidatorRegistry builtIn(List<ExternalCheck> externalChecks) {
        return new ValidatorRegistry(BuiltInKinds.ALL.stream()
                .flatMap(kind -> kind.newValidator().stream()).toList(), externalChecks);
    }

    /** Where a generated answer is checked (see the field): pass to the async step that calls the check. */
    public Executor executor() {
        return checking;
    }

    /** Whether there is a validator for the kind. */
    public boolean supports(String kind) {
        return validators.containsKey(kind);
    }

    /** The validator of a kind. */
    public FileValidator validator(String kind) {
        FileValidator validator = validators.get(kind);
        if (validator == null) {
            throw new IllegalArgumentException("no validator for kind " + kind + "; validators exist for "
                    + validators.keySet().stream().sorted().toList());
        }
        return validator;
    }

    /** Every validator, for tests and documentation. */
    public List<FileValidator> all() {
        return validators.values().stream().sorted((a, b) -> a.kind().compareTo(b.kind())).toList();
    }

    /** The report on a kind's files; throws IllegalArgumentException for a kind without a validator. */
    public ValidationReport validate(String kind, List<GeneratedFile> files) {
        FileValidator validator = validator(kind);
        List<Finding> findings = new ArrayList<>();
        try {
            findings.addAll(validator.validate(List.copyOf(files)));
        } catch (RuntimeException | StackOverflowError e) {
            findings.add(NOT_CHECKED.at(null, null, "the " + kind + " validator failed ("
                    + e.getClass().getSimpleName() + "), so the files were not checked"));
        }
        List<String> tools = new ArrayList<>();
        for (ExternalCheck external : externalChecks) {
            if (external.kinds().contains(kind)) {
                try {
                    ExternalCheck.Result result = external.check(validator, List.copyOf(files));
                    findings.addAll(result.findings());
                    tools.add(result.tool());
                } catch (RuntimeException e) {
                    findings.add(TOOL_FAILED.at(null, null, "an external check of the " + kind + " files failed ("
                            + e.getClass().getSimpleName() + ")"));
                }
            }
        }
        return ValidationReport.of(findings, tools);
    }
}
