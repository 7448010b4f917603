package dev.omniarchitect.validation;

import dev.omniarchitect.artifact.GeneratedFile;
import java.util.List;
import java.util.Set;

/**
 * A checker outside our own code, such as a real tool the user has installed (shellcheck, promtool), whose
 * findings are added to a kind's own. The core only defines it; the local engine's adapter layer runs the
 * tools. An implementation is bounded in time and never throws for bad files.
 */
public interface ExternalCheck {

    /** What one run found and which tool, with its version, found it ({@code shellcheck 0.9.0}). */
    record Result(String tool, List<Finding> findings) {
        public Result {
            findings = List.copyOf(findings);
        }
    }

    /** The kinds whose files it checks. */
    Set<String> kinds();

    /**
     * Its findings on a kind's files, every one naming the tool and its version in its message; the kind's
     * validator says which files it reads and which scripts they hold.
     */
    Result check(FileValidator validator, List<GeneratedFile> files);
}
