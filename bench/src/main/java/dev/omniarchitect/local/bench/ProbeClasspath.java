package dev.omniarchitect.local.bench;

import dev.omniarchitect.local.runtime.LocalContext;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The class path of the probe JVMs. As deployed when the build left it behind: the functions jar and
 * the runtime dependencies functions/pom.xml lists in target/runtime-classpath.txt (what {@code sam build}
 * packages), then the bench's own classes for the probe mains and the local runtime's classes they drive.
 * The functions jar and the classes are copied into the probes' folder first, so a build running meanwhile
 * cannot pull them away, and so the jars' manifests cannot put the whole local runtime on the path.
 * Otherwise this JVM's class path, which holds the local runtime's jars too, and the report says so.
 *
 * @param classpath     the -cp value
 * @param asDeployed    whether it is the deployment's
 * @param functionsJar  the functions jar; null when not found
 * @param dependencies  the functions' runtime dependency jars; empty when not known
 */
record ProbeClasspath(String classpath, boolean asDeployed, Path functionsJar, List<Path> dependencies) {

    static ProbeClasspath resolve(Path target, Path copies) {
        // The probes run in a folder of their own: every entry must be absolute.
        Path functionsTarget = target.toAbsolutePath();
        Path listing = functionsTarget.resolve("runtime-classpath.txt");
        Path jar = functionsJar(functionsTarget);
        if (jar == null || !Files.isRegularFile(listing)) {
            return new ProbeClasspath(absolute(System.getProperty("java.class.path")), false, jar, List.of());
        }
        try {
            List<Path> dependencies = new ArrayList<>();
            for (String entry : Files.readString(listing, StandardCharsets.UTF_8).strip().split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    dependencies.add(Path.of(entry).toAbsolutePath());
                }
            }
            Path functions = Files.copy(jar, copies.resolve(jar.getFileName()));
            List<String> entries = new ArrayList<>();
            entries.add(functions.toString());
            dependencies.forEach(dependency -> entries.add(dependency.toString()));
            entries.add(copyTree(classesOf(ColdStartProbe.class), copies.resolve("bench")).toString());
            // The probes drive the local runtime, which lives in the CLI's module, not the bench's.
            entries.add(copyTree(classesOf(LocalContext.class), copies.resolve("local")).toString());
            return new ProbeClasspath(String.join(File.pathSeparator, entries), true, functions,
                    List.copyOf(dependencies));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + listing, e);
        }
    }

    /** This JVM's class path with every entry made absolute. */
    static String absolute(String classpath) {
        List<String> entries = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            entries.add(Path.of(entry).toAbsolutePath().toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    private static Path functionsJar(Path functionsTarget) {
        if (!Files.isDirectory(functionsTarget)) {
            return null;
        }
        try (Stream<Path> files = Files.list(functionsTarget)) {
            return files.filter(file -> {
                String name = file.getFileName().toString();
                return name.startsWith("omni-functions-") && name.endsWith(".jar") && !name.endsWith("-tests.jar");
            }).findFirst().orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + functionsTarget, e);
        }
    }

    /** Where a class was loaded from: its module's jar, or a folder of classes (in the build's own tests). */
    private static Path classesOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(type.getSimpleName() + " has no file location", e);
        }
    }

    /** A copy of that file, or of that folder with everything in it. */
    private static Path copyTree(Path source, Path target) throws IOException {
        if (Files.isRegularFile(source)) {
            Files.createDirectories(target);
            return Files.copy(source, target.resolve(source.getFileName()));
        }
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
        return target;
    }

    /** The functions jar's size in bytes; -1 when not found. */
    long functionsJarBytes() {
        return functionsJar == null ? -1 : size(functionsJar);
    }

    /** The deployment package's size: the functions jar and every runtime dependency; -1 when not known. */
    long deploymentBytes() {
        if (functionsJar == null || dependencies.isEmpty()) {
            return -1;
        }
        return functionsJarBytes() + dependencies.stream().mapToLong(ProbeClasspath::size).sum();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file, e);
        }
    }
}
