package dev.omniarchitect.validation;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.kind.KindRegistry;
import dev.omniarchitect.kinds.securityreview.ReviewedFile;
import java.util.List;
import java.util.Optional;

/**
 * The kind of an existing file, for checking it without being told: the kinds whose validator reads a file
 * of that name ({@code Dockerfile}, {@code *.tf}, {@code *.rego} have one); among several (a {@code .yaml}),
 * the one whose review signature the content holds; else the one whose validator finds the fewest errors.
 */
public final class FileKinds {

    private FileKinds() {
    }

    /** The kind whose validator should read the file, if any reads a file of that name. */
    public static Optional<String> of(String path, String content, KindRegistry kinds, ValidatorRegistry validators) {
        List<FileValidator> candidates = validators.all().stream().filter(validator -> validator.reads(path)).toList();
        if (candidates.size() <= 1) {
            return candidates.stream().map(FileValidator::kind).findFirst();
        }
        String signed = ReviewedFile.of(content, kinds).kind();
        if (candidates.stream().anyMatch(validator -> validator.kind().equals(signed))) {
            return Optional.of(signed);
        }
        GeneratedFile file = new GeneratedFile(path, content);
        FileValidator fewest = null;
        long fewestErrors = Long.MAX_VALUE;
        for (FileValidator candidate : candidates) {
            long errors = ValidationReport.of(candidate.validate(List.of(file))).errorCount();
            if (errors < fewestErrors) {
                fewest = candidate;
                fewestErrors = errors;
            }
        }
        return Optional.of(fewest.kind());
    }
}
