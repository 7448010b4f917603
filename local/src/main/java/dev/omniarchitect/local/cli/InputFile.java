package dev.omniarchitect.local.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** A file named on the command line: its text, or a message on stderr saying it does not exist. */
final class InputFile {

    private InputFile() {
    }

    static Optional<String> read(Path file, PrintWriter err) throws IOException {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            err.println("omni: no such file: " + file);
            return Optional.empty();
        }
    }
}
