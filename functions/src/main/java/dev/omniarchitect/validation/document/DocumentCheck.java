package dev.omniarchitect.validation.document;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * A check of one YAML or JSON document of a file. {@link #yaml} and {@link #json} read the file and run
 * the check on each document; a file that does not parse is one finding of the format's syntax rule.
 * A file without documents is checked as a document whose root is missing, so structure rules report it.
 */
@FunctionalInterface
public interface DocumentCheck {

    /** The findings for one document of the file at that path. */
    List<Finding> check(String path, LocatedNode root);

    /** Runs the check on every YAML document of the file. */
    static List<Finding> yaml(GeneratedFile file, Rule syntax, TagResolver tags, DocumentCheck check) {
        try {
            List<LocatedDocument> documents = DocumentReader.yaml(file.content(), tags);
            if (documents.isEmpty()) {
                return check.check(file.path(), LocatedDocument.empty().root());
            }
            List<Finding> findings = new ArrayList<>();
            documents.forEach(document -> findings.addAll(check.check(file.path(), document.root())));
            return findings;
        } catch (SyntaxException e) {
            return List.of(syntax.at(file.path(), e.line(), e.getMessage()));
        }
    }

    /** Runs the check on the JSON document of the file. */
    static List<Finding> json(GeneratedFile file, Rule syntax, DocumentCheck check) {
        try {
            return check.check(file.path(), DocumentReader.json(file.content()).root());
        } catch (SyntaxException e) {
            return List.of(syntax.at(file.path(), e.line(), e.getMessage()));
        }
    }
}
