package dev.omniarchitect.kinds.terraform;

import dev.omniarchitect.kind.Kind;
import dev.omniarchitect.kinds.KindDefinition;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The {@code terraform} kind: a Terraform module (main.tf, variables.tf, outputs.tf). */
public final class TerraformKind {

    /** This kind, its blueprint and its validator. */
    public static final KindDefinition DEFINITION = new KindDefinition(
            Kind.of("terraform", 1, "a Terraform module (main.tf, variables.tf, outputs.tf)", """
                    You write Terraform modules that pass terraform validate: a terraform block with \
                    required_version and pinned required_providers, variables with type and description, \
                    outputs with descriptions, no hard-coded credentials, tags on every taggable resource. \
                    Split the module into main.tf, variables.tf and outputs.tf.""",
                    List.of("main.tf", "variables.tf", "outputs.tf"), Set.of("hcl", "terraform", "tf"))
                .documentingParams("name, region, project")
                .reviewable(Pattern.compile("(?m)^\\s*(resource|provider|terraform|module|variable)\\s+[\"{a-z]"), "main.tf", 60),
            TerraformBlueprint::new, TerraformValidator::new);

    private TerraformKind() {
    }
}
