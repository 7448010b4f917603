package dev.omniarchitect.local.engine;

import dev.omniarchitect.batch.BatchDocument;
import dev.omniarchitect.batch.BatchItem;
import dev.omniarchitect.provider.blueprint.BlueprintProvider;
import java.util.List;
import java.util.Optional;

/**
 * Items that name a model their provider does not use (blueprint renders from params): one warning for all, which
 * the engine sends with the job it accepted and the command line prints.
 */
final class IgnoredModels {

    private IgnoredModels() {
    }

    /** The warning, when some item names a model blueprint will ignore. */
    static Optional<String> warning(BatchDocument document) {
        List<BatchItem> ignored = document.items().stream()
                .filter(item -> BlueprintProvider.NAME.equals(item.settings().provider()))
                .filter(item -> !BlueprintProvider.MODEL.equals(item.settings().model()))
                .toList();
        if (ignored.isEmpty()) {
            return Optional.empty();
        }
        List<String> ids = ignored.stream().map(BatchItem::id).limit(5).toList();
        return Optional.of("omni: warning: provider blueprint ignores \"model\" (it renders files from params); "
                + ignored.size() + " item(s) name one: " + String.join(", ", ids)
                + (ignored.size() > ids.size() ? ", ..." : "") + "; they run with " + BlueprintProvider.MODEL);
    }
}
