package dev.omniarchitect.local.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A file named on the command line ({@code -} for standard input): its text, read as strict UTF-8 with an
 * optional byte order mark, or a message on stderr saying what is wrong with it (missing, a directory,
 * unreadable, not UTF-8 and at which byte).
 */
final class InputFile {

    /** The name that stands for standard input. */
    static final String STDIN = "-";

    private InputFile() {
    }

    /** The file's text; empty (with the reason on {@code err}) when it cannot be read. */
    static Optional<String> read(String name, InputStream stdin, PrintWriter err) throws IOException {
        byte[] bytes;
        if (STDIN.equals(name)) {
            bytes = stdin.readAllBytes();
        } else {
            Path file = Path.of(name);
            if (Files.isDirectory(file)) {
                err.println("omni: " + file + " is a directory; give the path of a JSON file");
                return Optional.empty();
            }
            try {
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                err.println("omni: no such file: " + file);
                return Optional.empty();
            } catch (AccessDeniedException e) {
                err.println("omni: " + file + " cannot be read: permission denied");
                return Optional.empty();
            }
        }
        String shown = STDIN.equals(name) ? "standard input" : name;
        Optional<String> text = utf8(bytes, shown, err);
        return text.map(InputFile::withoutByteOrderMark);
    }

    /** The bytes as UTF-8; empty, naming the first bad byte's offset and line, when they are not. */
    private static Optional<String> utf8(byte[] bytes, String shown, PrintWriter err) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        // UTF-8 never decodes to more chars than it has bytes.
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            err.printf("omni: %s is not UTF-8: byte %d (0x%02X, line %d) is not part of a UTF-8 character; "
                    + "save the file as UTF-8%n", shown, offset, bytes[offset] & 0xFF, line);
            return Optional.empty();
        }
        decoder.flush(out);
        return Optional.of(out.flip().toString());
    }

    private static String withoutByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
