package dev.omniarchitect.validation;

import java.util.Locale;

/** What a generated file's path says about its format. */
public final class FileNames {

    private FileNames() {
    }

    /** The last segment of a path. */
    public static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Whether the path ends with one of the extensions (with dot, e.g. {@code .yaml}), ignoring case. */
    public static boolean hasExtension(String path, String... extensions) {
        String lower = path.toLowerCase(Locale.ROOT);
        for (String extension : extensions) {
            if (lower.endsWith(extension)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the path names a YAML file. */
    public static boolean isYaml(String path) {
        return hasExtension(path, ".yaml", ".yml");
    }
}
