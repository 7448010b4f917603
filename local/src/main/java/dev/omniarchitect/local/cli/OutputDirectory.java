package dev.omniarchitect.local.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The {@code --out} directory, checked before any work: it must be a directory, or creatable as one. */
final class OutputDirectory {

    private OutputDirectory() {
    }

    /** What keeps files from being written under {@code out}; empty when nothing does. */
    static Optional<String> problem(Path out) {
        Path absolute = out.toAbsolutePath().normalize();
        for (Path at = absolute; at != null; at = at.getParent()) {
            if (Files.isDirectory(at)) {
                return Files.isWritable(at) ? Optional.empty()
                        : Optional.of("--out " + out + ": " + at + " is a directory this user may not write in");
            }
            if (Files.exists(at)) {
                return Optional.of("--out " + out + ": " + (at.equals(absolute) ? "is a file" : at + " is a file")
                        + ", not a directory; give a directory for the generated files");
            }
        }
        return Optional.empty();
    }
}
