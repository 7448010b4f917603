package dev.omniarchitect.local.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

/**
 * The folder one engine owns: DynamoDB Local's files, the logs, and the discovery file clients find the
 * engine by. Found the same way from every working directory: {@code --data-dir}, else
 * {@code OMNI_DATA_DIR}, else {@code ~/.omni}. Everything in it is readable by its owner only.
 */
public record DataDirectory(Path root) {

    /** The variable that names the data directory when no {@code --data-dir} is given. */
    public static final String VARIABLE = "OMNI_DATA_DIR";

    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    public DataDirectory {
        root = root.toAbsolutePath().normalize();
    }

    /** The flag's value if given, else the environment's, else {@code ~/.omni}. */
    public static DataDirectory resolve(Path flag, Map<String, String> environment) {
        if (flag != null) {
            return new DataDirectory(flag);
        }
        String variable = environment.get(VARIABLE);
        if (variable != null && !variable.isBlank()) {
            return new DataDirectory(Path.of(variable.trim()));
        }
        return new DataDirectory(Path.of(System.getProperty("user.home"), ".omni"));
    }

    /** Where the running engine says how to reach it. */
    public Path discoveryFile() {
        return root.resolve("engine.json");
    }

    /** Held by the engine for its whole life: one engine opens the store at a time. */
    public Path ownerLock() {
        return root.resolve("engine.lock");
    }

    /** Held by a client while it looks for an engine and starts one: two clients start only one. */
    public Path launchLock() {
        return root.resolve("launch.lock");
    }

    /** DynamoDB Local's files. */
    public Path store() {
        return root.resolve("dynamodb");
    }

    /** The functions' JSON log. */
    public Path functionsLog() {
        return root.resolve("logs").resolve("omni.log");
    }

    /** The background engine's own output: its start-up and anything the JVM prints. */
    public Path engineLog() {
        return root.resolve("logs").resolve("engine.log");
    }

    /** Creates the folder and its logs folder, owner only, and tightens them if they already existed. */
    public DataDirectory prepare() throws IOException {
        createPrivateDirectories(root);
        createPrivateDirectories(functionsLog().getParent());
        return this;
    }

    /** Creates that folder (and missing parents) readable by its owner only. */
    public static void createPrivateDirectories(Path directory) throws IOException {
        Files.createDirectories(directory);
        restrict(directory, OWNER_DIRECTORY);
    }

    /** Opens that file for appending, creating it readable by its owner only. */
    public static OutputStream appendPrivate(Path file) throws IOException {
        createPrivateFile(file);
        return Files.newOutputStream(file, StandardOpenOption.APPEND);
    }

    /** Creates that file, if missing, readable by its owner only (and tightens an existing one). */
    public static void createPrivateFile(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_FILE));
        } catch (FileAlreadyExistsException exists) {
            restrict(file, OWNER_FILE);
        } catch (UnsupportedOperationException notPosix) {
            Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND).close();
        }
    }

    /** Replaces that file's content at once (readers see the old or the new file), owner only. */
    public static void writePrivate(Path file, byte[] content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        Files.deleteIfExists(temporary);
        createPrivateFile(temporary);
        Files.write(temporary, content, StandardOpenOption.TRUNCATE_EXISTING);
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes every file and folder under the store owner-only: DynamoDB Local creates its files with the umask. */
    public void restrictStore() throws IOException {
        if (!Files.isDirectory(store())) {
            return;
        }
        try (var paths = Files.walk(store())) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                restrict(path, Files.isDirectory(path) ? OWNER_DIRECTORY : OWNER_FILE);
            }
        }
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the folder's ACL inherited from the user's profile already keeps others out.
        }
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
