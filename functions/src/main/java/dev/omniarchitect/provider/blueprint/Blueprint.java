package dev.omniarchitect.provider.blueprint;

import dev.omniarchitect.artifact.GeneratedFile;
import java.util.List;

/** Renders one kind's sound starting files from an item's params, offline and deterministically. */
public interface Blueprint {

    /** The kind this blueprint renders. */
    String kind();

    /** The files, always the same for the same params; throws {@link InvalidParamsException} naming the bad param. */
    List<GeneratedFile> render(BlueprintParams params);
}
