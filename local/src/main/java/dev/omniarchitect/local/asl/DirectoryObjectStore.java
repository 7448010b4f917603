package dev.omniarchitect.local.asl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * S3 on this machine: a directory per bucket under one root, an object per file, its key the file's path below
 * the bucket. An object is written to a temporary file and moved into place when complete, so a reader never
 * sees half of one. Folders and files are their owner's only: objects hold a job's item ids and outcomes.
 */
public final class DirectoryObjectStore implements ObjectStore {

    /** S3's rule for bucket names (lower case letters, digits, dots and hyphens, 3 to 63 characters). */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final int MAX_KEY_BYTES = 1024;
    private static final java.util.Set<java.nio.file.attribute.PosixFilePermission> OWNER_DIRECTORY =
            PosixFilePermissions.fromString("rwx------");

    private final Path root;

    public DirectoryObjectStore(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    @Override
    public InputStream read(String bucket, String key) throws IOException {
        return Files.newInputStream(file(bucket, key));
    }

    @Override
    public OutputStream write(String bucket, String key) throws IOException {
        Path target = file(bucket, key);
        createPrivateDirectories(target.getParent());
        Path partial = Files.createTempFile(target.getParent(), ".partial-", "");
        OutputStream out = Files.newOutputStream(partial);
        return new java.io.FilterOutputStream(out) {
            private boolean closed;

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                if (closed) {
                    return;
                }
                closed = true;
                try {
                    out.close();
                    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(partial);
                }
            }
        };
    }

    /** Creates the folder and its missing parents under the root, each readable by its owner only. */
    private void createPrivateDirectories(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        Path parent = directory.getParent();
        if (parent != null && !directory.equals(root)) {
            createPrivateDirectories(parent);
        }
        try {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            // Another worker made it first.
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(directory);
        }
    }

    /** The object's file; a key that would leave its bucket's directory is refused. */
    Path file(String bucket, String key) throws IOException {
        if (bucket == null || !BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new IOException("not a bucket name: \"" + bucket + "\"");
        }
        if (key == null || key.isEmpty() || key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_KEY_BYTES
                || key.startsWith("/")) {
            throw new IOException("not an object key: \"" + key + "\"");
        }
        Path bucketDirectory = root.resolve(bucket);
        Path file = bucketDirectory.resolve(key).normalize();
        if (!file.startsWith(bucketDirectory) || file.equals(bucketDirectory)) {
            throw new IOException("the key \"" + key + "\" leaves bucket " + bucket);
        }
        return file;
    }
}
