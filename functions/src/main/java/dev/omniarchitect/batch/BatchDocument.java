package dev.omniarchitect.batch;

import java.util.List;

/**
 * A validated batch: 1 to {@link BatchLimits#MAX_ITEMS} items with unique ids and resolved settings.
 *
 * @param items        the items, in document order
 * @param mode         async (the default) or sync
 * @param clientToken  makes a submission idempotent; null when not given
 */
public record BatchDocument(List<BatchItem> items, RunMode mode, String clientToken) {

    public BatchDocument {
        items = List.copyOf(items);
    }

    /** An async batch without a client token. */
    public BatchDocument(List<BatchItem> items) {
        this(items, RunMode.ASYNC, null);
    }
}
