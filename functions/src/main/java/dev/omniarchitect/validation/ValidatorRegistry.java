package dev.omniarchitect.validation;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.kinds.BuiltInKinds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The validator of each kind, chosen by kind name; the built-in ones come from each kind's definition
 * ({@link BuiltInKinds}). Built once at initialisation: the
 * validators hold parsers and type lookups that are expensive to make.
 */
public final class ValidatorRegistry {

    /** Reported when a validator fails on its input, which is a bug of ours, never of the files. */
    static final Rule NOT_CHECKED = Rule.warning("validation/not-checked",
            "The files were not checked; report the validator failure.");

    private final Map<String, FileValidator> validators;

    public ValidatorRegistry(List<FileValidator> validators) {
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
        return new ValidatorRegistry(BuiltInKinds.ALL.stream()
                .flatMap(kind -> kind.newValidator().stream()).toList());
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
        return ValidationReport.of(findings);
    }
}
