package dev.omniarchitect.kinds;

import dev.omniarchitect.kind.Kind;
import dev.omniarchitect.provider.blueprint.Blueprint;
import dev.omniarchitect.validation.FileValidator;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One artifact kind, whole: its folder under {@code kinds/} holds its definition (name, prompt, default files,
 * traits), its blueprint, its validator and any review support, and {@link BuiltInKinds} lists it.
 *
 * @param kind       what the kind is: name, system prompt and template version, default files, traits
 * @param blueprint  makes the offline renderer of its starting files
 * @param validator  makes the validator of its files (some are costly: made once per function instance);
 *                   null when none checks them
 */
public record KindDefinition(Kind kind, Supplier<Blueprint> blueprint, Supplier<FileValidator> validator) {

    public KindDefinition {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(blueprint, "blueprint");
    }

    /** A new blueprint of this kind. */
    public Blueprint newBlueprint() {
        return blueprint.get();
    }

    /** A new validator of this kind's files; empty when none checks them. */
    public Optional<FileValidator> newValidator() {
        return validator == null ? Optional.empty() : Optional.of(validator.get());
    }
}
