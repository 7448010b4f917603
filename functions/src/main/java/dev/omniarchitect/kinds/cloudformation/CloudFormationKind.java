package dev.omniarchitect.kinds.cloudformation;

import dev.omniarchitect.kind.Kind;
import dev.omniarchitect.kinds.KindDefinition;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The {@code cloudformation} kind: an AWS CloudFormation template. */
public final class CloudFormationKind {

    /** This kind, its blueprint and its validator. */
    public static final KindDefinition DEFINITION = new KindDefinition(
            Kind.of("cloudformation", 1, "an AWS CloudFormation template", """
                    You write AWS CloudFormation templates in YAML: AWSTemplateFormatVersion, a Description, \
                    Parameters with types and descriptions, Resources each with a Type and Properties, \
                    least-privilege IAM, encryption at rest, no hard-coded secrets or account ids, and Outputs \
                    for what other stacks need.""",
                    List.of("template.yaml"), Set.of("yaml", "yml", "json"))
                .documentingParams("noncurrentVersionDays")
                .reviewable(Pattern.compile("(?m)^(AWSTemplateFormatVersion|Resources):"), "template.yaml", 10),
            CloudFormationBlueprint::new, CloudFormationValidator::new);

    private CloudFormationKind() {
    }
}
