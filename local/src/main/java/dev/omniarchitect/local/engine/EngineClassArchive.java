package dev.omniarchitect.local.engine;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The engine's class data sharing archive: the first engine of a build records the classes it loaded
 * when it exits (-XX:ArchiveClassesAtExit, beside the jar), and later engines map them instead of loading
 * and verifying them again. Only for a class path of jars (the JVM archives nothing from folders), and a
 * jar whose manifest names more class path (DynamoDB Local's names its own folder) runs from a copy
 * without that line, made once per build in {@code engine-cds/} beside the jar.
 */
final class EngineClassArchive {

    /** The JVM options and class path an engine starts with. */
    record Launch(List<String> options, String classpath) {
    }

    private EngineClassArchive() {
    }

    static Launch prepare(String classpath, DataDirectory directory) {
        List<String> entries = Arrays.asList(classpath.split(File.pathSeparator));
        if (entries.isEmpty() || !entries.stream().allMatch(entry -> entry.endsWith(".jar"))) {
            return new Launch(List.of(), classpath);
        }
        Path home = Path.of(entries.get(0)).getParent();
        String shareable;
        try {
            shareable = shareable(classpath, entries, home.resolve("engine-cds"));
        } catch (IOException e) {
            return new Launch(List.of(), classpath);
        }
        Path archive = home.resolve("omni-engine.jsa");
        // One recording per data directory: engines of two directories may exit at once.
        Path recording = home.resolve("omni-engine.jsa." + Integer.toHexString(directory.root().hashCode())
                + ".recording");
        if (!Files.isRegularFile(archive) && noEngineOwns(directory)) {
            keepFinished(recording, archive);
        }
        // A stale or unreadable archive must never print on a terminal: the JVM then starts without it.
        List<String> options = new ArrayList<>(List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        options.add(Files.isRegularFile(archive) ? "-XX:SharedArchiveFile=" + archive
                : "-XX:ArchiveClassesAtExit=" + recording);
        return new Launch(options, shareable);
    }

    /** Whether a JVM option says how classes are shared: the engine's own archive options then stay out. */
    static boolean concernsSharing(String option) {
        return option.startsWith("-Xshare") || option.contains("SharedArchiveFile")
                || option.contains("ArchiveClassesAtExit");
    }

    /** The class path with every jar whose manifest has a Class-Path replaced by a copy without it. */
    private static String shareable(String classpath, List<String> entries, Path copies) throws IOException {
        Path list = copies.resolve("classpath.txt");
        if (Files.isRegularFile(list)) {
            List<String> lines = Files.readAllLines(list, StandardCharsets.UTF_8);
            if (lines.size() == 2 && lines.get(0).equals(classpath)) {
                return lines.get(1);
            }
        }
        Files.createDirectories(copies);
        List<String> rewritten = new ArrayList<>();
        for (String entry : entries) {
            rewritten.add(withoutClassPath(Path.of(entry), copies).toString());
        }
        String result = String.join(File.pathSeparator, rewritten);
        Path temporary = copies.resolve("classpath.txt." + ProcessHandle.current().pid());
        Files.write(temporary, List.of(classpath, result), StandardCharsets.UTF_8);
        Files.move(temporary, list, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return result;
    }

    private static Path withoutClassPath(Path jar, Path copies) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            if (manifest == null || manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH) == null) {
                return jar;
            }
        }
        Path copy = copies.resolve(jar.getFileName());
        Path temporary = copies.resolve(jar.getFileName() + "." + ProcessHandle.current().pid());
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().remove(Attributes.Name.CLASS_PATH);
            try (OutputStream file = Files.newOutputStream(temporary);
                 JarOutputStream out = new JarOutputStream(file, manifest)) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        Files.move(temporary, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return copy;
    }

    /** Whether the directory's owner lock is free: the engine that recorded an archive has then fully exited. */
    private static boolean noEngineOwns(DataDirectory directory) {
        if (!Files.exists(directory.ownerLock())) {
            return true;
        }
        try (FileChannel channel = FileChannel.open(directory.ownerLock(), StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            return lock != null;
        } catch (IOException | OverlappingFileLockException e) {
            return false;
        }
    }

    /** Moves a finished recording into place; a missing or empty one only means no archive yet. */
    private static void keepFinished(Path recording, Path archive) {
        try {
            if (Files.isRegularFile(recording) && Files.size(recording) > 0) {
                Files.move(recording, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            // The next start tries again; without the archive the engine only starts more slowly.
        }
    }
}
