package dev.omniarchitect.local.tools;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.validation.FileValidator;
import dev.omniarchitect.validation.Finding;
import java.util.List;
import java.util.Set;

/** How to run one real tool on a kind's files and read its findings from what it prints. */
interface ToolAdapter {

    /** The executable's name on the PATH. */
    String name();

    /** The arguments that make it print its version. */
    List<String> versionArguments();

    /** The kinds whose files it checks. */
    Set<String> kinds();

    /** Its findings on the kind's files, which {@link ToolRun#directory()} holds under their paths. */
    List<Finding> check(ToolRun run, FileValidator validator, List<GeneratedFile> files) throws ToolRun.Failure;
}
