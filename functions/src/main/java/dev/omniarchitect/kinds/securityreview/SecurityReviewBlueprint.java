package dev.omniarchitect.kinds.securityreview;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.provider.blueprint.Blueprint;
import dev.omniarchitect.provider.blueprint.BlueprintParams;
import java.util.List;

/**
 * The offline side of a {@code security-review}: no model to ask, so it adds no findings of its own; the
 * pipeline's validators review the input and theirs are the findings. Takes no params.
 */
final class SecurityReviewBlueprint implements Blueprint {

    @Override
    public String kind() {
        return "security-review";
    }

    @Override
    public List<GeneratedFile> render(BlueprintParams params) {
        return List.of(new GeneratedFile("findings.json", "[]\n"));
    }
}
