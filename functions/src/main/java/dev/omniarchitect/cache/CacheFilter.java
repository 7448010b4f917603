package dev.omniarchitect.cache;

/**
 * Which cache entries a purge removes: those of that provider, model and kind; a null field matches any.
 *
 * @param provider  provider name, or null
 * @param model     model id, or null
 * @param kind      kind name, or null
 */
public record CacheFilter(String provider, String model, String kind) {

    /** Matches every entry. */
    public static final CacheFilter ALL = new CacheFilter(null, null, null);
}
