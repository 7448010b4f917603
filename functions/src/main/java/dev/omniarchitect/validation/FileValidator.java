package dev.omniarchitect.validation;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.validation.shell.EmbeddedScript;
import java.util.List;

/** Checks the files generated for one kind, together, and says what is wrong with them. */
public interface FileValidator {

    /** The kind whose files this validator checks, e.g. {@code kubernetes}. */
    String kind();

    /** Every rule this validator can report, so tests can prove each one is exercised. */
    List<Rule> rules();

    /**
     * The findings for a kind's files, read together (a Terraform variable may be declared in one file
     * and used in another). Never throws for bad input: unreadable files are findings too.
     */
    List<Finding> validate(List<GeneratedFile> files);

    /** Whether this validator reads a file of that path (a Dockerfile validator reads no .yaml). */
    default boolean reads(String path) {
        return true;
    }

    /** The shell scripts a file holds (RUN, run:), as this validator reads them, for real tools to check too. */
    default List<EmbeddedScript> scripts(GeneratedFile file) {
        return List.of();
    }
}
