package dev.omniarchitect.kinds.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fabric8 model class of each Kubernetes apiVersion and kind on the class path, found the way
 * fabric8 finds them: from the {@code META-INF/services} lists its model jars ship. Classes are loaded
 * only when a manifest asks for their kind.
 */
final class KubernetesTypes {

    private static final String SERVICES = "META-INF/services/" + KubernetesResource.class.getName();

    /** Class names by simple name, which fabric8 makes the kind. */
    private final Map<String, List<String>> classNamesByKind;
    private final Map<String, List<Class<?>>> loaded = new ConcurrentHashMap<>();

    private KubernetesTypes(Map<String, List<String>> classNamesByKind) {
        this.classNamesByKind = classNamesByKind;
    }

    /** The types of the model jars visible to this class's loader. */
    static KubernetesTypes onClassPath() {
        Map<String, List<String>> byKind = new HashMap<>();
        try {
            Enumeration<URL> lists = KubernetesTypes.class.getClassLoader().getResources(SERVICES);
            while (lists.hasMoreElements()) {
                try (BufferedReader reader = new BufferedReader(
                        new InputStreamReader(lists.nextElement().openStream(), StandardCharsets.UTF_8))) {
                    reader.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                            .forEach(name -> byKind.computeIfAbsent(name.substring(name.lastIndexOf('.') + 1),
                                    kind -> new ArrayList<>()).add(name));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Kubernetes model lists", e);
        }
        return new KubernetesTypes(Map.copyOf(byKind));
    }

    /** The model class of that apiVersion and kind, if Kubernetes serves the kind at that version. */
    Optional<Class<?>> find(String apiVersion, String kind) {
        return classesOf(kind).stream()
                .filter(type -> apiVersion.equals(HasMetadata.getApiVersion(type)))
                .findFirst();
    }

    /** Every apiVersion that serves the kind; empty for a kind no model knows. */
    List<String> apiVersionsOf(String kind) {
        return classesOf(kind).stream().map(HasMetadata::getApiVersion).toList();
    }

    private List<Class<?>> classesOf(String kind) {
        return loaded.computeIfAbsent(kind, name -> classNamesByKind.getOrDefault(name, List.of()).stream()
                .<Class<?>>map(KubernetesTypes::load)
                .filter(type -> name.equals(HasMetadata.getKind(type)))
                .toList());
    }

    private static Class<?> load(String className) {
        try {
            return Class.forName(className, false, KubernetesTypes.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the Kubernetes model lists " + className + " but it is missing", e);
        }
    }
}
