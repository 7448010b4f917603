package dev.omniarchitect.kinds.dockerfile;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds a RUN that installs packages and leaves the package manager's cache in the layer, where it
 * only makes the image larger: deleting it in a later RUN does not shrink the earlier layer.
 */
final class PackageCaches {

    /** A package manager: how its installs look and how its cache is kept out of the layer. */
    private record Manager(String name, Pattern install, Pattern cacheRemoved, String howToRemove) {
    }

    private static final List<Manager> MANAGERS = List.of(
            new Manager("apt-get", Pattern.compile("\\bapt(-get)?\\s+(-\\S+\\s+)*install\\b"),
                    Pattern.compile("/var/lib/apt/lists"), "rm -rf /var/lib/apt/lists/* in the same RUN"),
            new Manager("apk", Pattern.compile("\\bapk\\s+(-\\S+\\s+)*add\\b"),
                    Pattern.compile("--no-cache\\b|/var/cache/apk"), "apk add --no-cache"),
            new Manager("yum/dnf", Pattern.compile("\\b(yum|dnf|microdnf)\\s+(-\\S+\\s+)*install\\b"),
                    Pattern.compile("\\b(yum|dnf|microdnf)\\s+clean\\s+all\\b|/var/cache/(yum|dnf)"),
                    "yum clean all (or dnf clean all) in the same RUN"),
            new Manager("pip", Pattern.compile("\\bpip3?\\s+(-\\S+\\s+)*install\\b"),
                    Pattern.compile("--no-cache-dir\\b"), "pip install --no-cache-dir"));

    private static final Pattern CACHE_MOUNT = Pattern.compile("--mount=\\S*type=cache");

    private PackageCaches() {
    }

    /** What the RUN leaves behind, if anything; {@code pipCacheOff} when PIP_NO_CACHE_DIR is set. */
    static Optional<String> leftBehind(String run, boolean pipCacheOff) {
        if (CACHE_MOUNT.matcher(run).find()) {
            return Optional.empty();
        }
        for (Manager manager : MANAGERS) {
            boolean exempt = manager.name().equals("pip") && pipCacheOff;
            if (!exempt && manager.install().matcher(run).find() && !manager.cacheRemoved().matcher(run).find()) {
                return Optional.of(manager.name() + " installs packages but leaves its cache in the layer; use "
                        + manager.howToRemove());
            }
        }
        return Optional.empty();
    }
}
