package dev.omniarchitect.batch;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How an item uses the answer cache. */
public enum CacheMode {
    /** Read a fresh entry if there is one, else call the provider and write the answer. */
    USE,
    /** Always call the provider, then overwrite the entry. */
    REFRESH,
    /** Neither read nor write the cache. */
    BYPASS;

    /** The name used in batch documents. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode of that document name, if any. */
    public static Optional<CacheMode> fromWireName(String name) {
        return Arrays.stream(values()).filter(mode -> mode.wireName().equals(name)).findFirst();
    }
}
