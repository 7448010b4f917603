package dev.omniarchitect.batch;

import java.util.List;

/** A validated batch: 1 to 100 items with unique ids and resolved settings. */
public record BatchDocument(List<BatchItem> items) {

    public BatchDocument {
        items = List.copyOf(items);
    }
}
