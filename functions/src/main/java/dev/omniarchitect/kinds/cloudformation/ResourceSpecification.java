package dev.omniarchitect.kinds.cloudformation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The resource types CloudFormation knows, with their properties and {@code Fn::GetAtt} attributes, from
 * the official resource specification ({@code resource-specification.txt}, generated from the
 * {@code spec/specification.json} that the npm package {@code @aws-cdk/cfnspec} ships; no Maven Central
 * package does). To regenerate it: {@code npm pack @aws-cdk/cfnspec}, then write one line per entry of
 * {@code ResourceTypes}: {@code Type|sorted Properties keys|sorted Attributes keys}.
 */
final class ResourceSpecification {

    /** One resource type's top-level properties and attributes. */
    record ResourceType(Set<String> properties, Set<String> attributes) {
    }

    private static final ResourceSpecification BUILT_IN = load();

    private final Map<String, ResourceType> types;
    private final String version;

    private ResourceSpecification(Map<String, ResourceType> types, String version) {
        this.types = Map.copyOf(types);
        this.version = version;
    }

    /** The specification shipped with the validator. */
    static ResourceSpecification builtIn() {
        return BUILT_IN;
    }

    /** The type of that name, if the specification has it. */
    Optional<ResourceType> type(String name) {
        return Optional.ofNullable(types.get(name));
    }

    /** Every type name, for suggestions. */
    Set<String> typeNames() {
        return types.keySet();
    }

    /** The specification's version, for messages. */
    String version() {
        return version;
    }

    private static ResourceSpecification load() {
        Map<String, ResourceType> types = new HashMap<>();
        String version = "unknown";
        try (InputStream in = ResourceSpecification.class.getResourceAsStream("resource-specification.txt");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("#")) {
                    if (line.contains("resource specification ")) {
                        version = line.replaceFirst(".*resource specification ([0-9.]+).*", "$1");
                    }
                    continue;
                }
                String[] parts = line.split("\\|", -1);
                types.put(parts[0], new ResourceType(names(parts[1]), names(parts[2])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ResourceSpecification(types, version);
    }

    private static Set<String> names(String list) {
        return list.isEmpty() ? Set.of() : Set.of(list.split(","));
    }
}
