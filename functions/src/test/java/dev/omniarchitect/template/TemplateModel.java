package dev.omniarchitect.template;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

/** template.yaml as CloudFormation reads it, and the look-ups the template tests share. */
final class TemplateModel {

    static final Path TEMPLATE = Path.of("..", "template.yaml");
    static final Path DEFINITION = Path.of("..", "statemachine", "generate.asl.json");

    private static final JsonNode TEMPLATE_JSON = read();

    private TemplateModel() {
    }

    private static JsonNode read() {
        try {
            return CloudFormationYaml.read(TEMPLATE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole template. */
    static JsonNode template() {
        return TEMPLATE_JSON;
    }

    /** Every policy statement, both branches of each Fn::If, without the AWS::NoValue ones. */
    static List<JsonNode> statements(JsonNode properties) {
        List<JsonNode> statements = new ArrayList<>();
        for (JsonNode policy : properties.path("Policies")) {
            for (JsonNode statement : policy.path("Statement")) {
                branches(statement).stream()
                        .filter(branch -> !branch.equals(ref("AWS::NoValue")))
                        .forEach(statements::add);
            }
        }
        return statements;
    }

    static List<String> actions(JsonNode statement) {
        JsonNode action = statement.path("Action");
        return action.isArray() ? StreamSupport.stream(action.spliterator(), false).map(JsonNode::asText).toList()
                : List.of(action.asText());
    }

    static List<JsonNode> resources(JsonNode statement) {
        JsonNode resource = statement.path("Resource");
        return resource.isArray() ? StreamSupport.stream(resource.spliterator(), false).toList() : List.of(resource);
    }

    /** Both values of a Fn::If (recursively), or the value itself. */
    static List<JsonNode> branches(JsonNode value) {
        JsonNode condition = value.path("Fn::If");
        if (!condition.isArray()) {
            return List.of(value);
        }
        List<JsonNode> values = new ArrayList<>(branches(condition.path(1)));
        values.addAll(branches(condition.path(2)));
        return values;
    }

    static List<String> resourcesOfType(String... types) {
        List<String> names = new ArrayList<>();
        TEMPLATE_JSON.path("Resources").fields().forEachRemaining(entry -> {
            if (List.of(types).contains(entry.getValue().path("Type").asText())) {
                names.add(entry.getKey());
            }
        });
        return names;
    }

    static JsonNode resource(String name) {
        JsonNode resource = TEMPLATE_JSON.path("Resources").path(name);
        if (resource.isMissingNode()) {
            fail("template.yaml has no resource " + name);
        }
        return resource;
    }

    static JsonNode properties(String name) {
        return resource(name).path("Properties");
    }

    static JsonNode ref(String name) {
        return JsonNodeFactory.instance.objectNode().put("Ref", name);
    }
}
