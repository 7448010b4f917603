package dev.omniarchitect.template;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.omniarchitect.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;

/** template.yaml as CloudFormation reads it, and the look-ups the template tests share. */
final class TemplateModel {

    static final Path TEMPLATE = Path.of("..", "template.yaml");
    static final Path DEFINITION = Path.of("..", "statemachine", "generate.asl.json");
    /** What {@link #definition()} puts for ${JobFilesBucket}: any bucket name that appears nowhere else. */
    static final String SAMPLE_BUCKET = "sample-job-files-bucket";
    /** What {@link #definition()} puts for ${ToleratedFailurePercentage}: a number no other field has. */
    static final int SAMPLE_TOLERATED_FAILURE_PERCENTAGE = 37;

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

    /**
     * The state machine definition as Step Functions receives it, with sample values for the placeholders
     * SAM substitutes (the numeric ones stand unquoted, so the file is no JSON before that).
     */
    static JsonNode definition() throws IOException {
        return Json.mapper().readTree(Files.readString(DEFINITION)
                .replace("${MaxConcurrency}", "3")
                .replace("${ExecutionTimeoutSeconds}", "60")
                .replace("${ToleratedFailurePercentage}", Integer.toString(SAMPLE_TOLERATED_FAILURE_PERCENTAGE))
                .replace("${JobFilesBucket}", SAMPLE_BUCKET));
    }

    /**
     * Each grant of the resource's policies whose action starts with the prefix, as "action resource": a
     * resource that is a Fn::Sub string as that string, a Ref as "Ref X", a Fn::GetAtt as "X.Attribute",
     * anything else as its JSON.
     */
    static Set<String> grants(String resource, String actionPrefix) {
        Set<String> grants = new TreeSet<>();
        for (JsonNode statement : statements(properties(resource))) {
            for (String action : actions(statement)) {
                if (action.startsWith(actionPrefix)) {
                    resources(statement).forEach(target -> grants.add(action + " " + describe(target)));
                }
            }
        }
        return grants;
    }

    private static String describe(JsonNode target) {
        if (target.path("Fn::Sub").isTextual()) {
            return target.path("Fn::Sub").asText();
        }
        if (target.path("Ref").isTextual()) {
            return "Ref " + target.path("Ref").asText();
        }
        if (target.path("Fn::GetAtt").isArray()) {
            return target.path("Fn::GetAtt").path(0).asText() + "." + target.path("Fn::GetAtt").path(1).asText();
        }
        return target.toString();
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
