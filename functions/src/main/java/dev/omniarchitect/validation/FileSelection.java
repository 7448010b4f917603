package dev.omniarchitect.validation;

import dev.omniarchitect.artifact.GeneratedFile;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Which of a kind's files a validator reads ({@code Dockerfile} but not {@code .dockerignore}), and the
 * finding when the answer holds none of them, so an answer without its main file is never "valid".
 *
 * @param description what the files are, for the finding, e.g. {@code a .tf file}
 * @param accepts     whether a path is one of them
 * @param missingFile the rule reported when there is none
 */
public record FileSelection(String description, Predicate<String> accepts, Rule missingFile) {

    /** The findings of a check of each selected file on its own. */
    public List<Finding> eachFile(List<GeneratedFile> files, Function<GeneratedFile, List<Finding>> check) {
        return allFiles(files, selected -> {
            List<Finding> findings = new ArrayList<>();
            selected.forEach(file -> findings.addAll(check.apply(file)));
            return findings;
        });
    }

    /** The findings of a check of the selected files together. */
    public List<Finding> allFiles(List<GeneratedFile> files, Function<List<GeneratedFile>, List<Finding>> check) {
        List<GeneratedFile> selected = files.stream().filter(file -> accepts.test(file.path())).toList();
        if (selected.isEmpty()) {
            return List.of(missingFile.at(null, null, "no " + description + " among the files "
                    + files.stream().map(GeneratedFile::path).toList()));
        }
        return check.apply(selected);
    }
}
