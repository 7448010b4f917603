package dev.omniarchitect.kinds.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.omniarchitect.validation.document.TagResolver;
import java.util.regex.Pattern;

/**
 * CloudFormation's short-form intrinsic functions, read as the long form CloudFormation turns them into:
 * {@code !Ref X} is {@code {"Ref": "X"}}, {@code !GetAtt A.B} is {@code {"Fn::GetAtt": ["A", "B"]}},
 * {@code !Condition C} is {@code {"Condition": "C"}} and every other {@code !Name v} is {@code {"Fn::Name": v}}.
 */
final class CloudFormationTags implements TagResolver {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern SHORT_FORM = Pattern.compile("[A-Za-z]+");

    @Override
    public JsonNode resolve(String tag, JsonNode value) {
        if (!SHORT_FORM.matcher(tag).matches()) {
            return value;
        }
        if (tag.equals("Ref") || tag.equals("Condition")) {
            return NODES.objectNode().set(tag, value);
        }
        if (tag.equals("GetAtt") && value.isTextual() && value.asText().contains(".")) {
            String[] parts = value.asText().split("\\.", 2);
            return NODES.objectNode().set("Fn::GetAtt", NODES.arrayNode().add(parts[0]).add(parts[1]));
        }
        return NODES.objectNode().set("Fn::" + tag, value);
    }
}
