package dev.omniarchitect.batch;

/**
 * Settings a caller forces on every item, whatever the document says (the command line's
 * {@code --provider}, {@code --refresh} and {@code --no-cache}).
 *
 * @param provider  when set, every item uses this provider and its default model
 * @param cache     when set, every item uses this cache mode
 */
public record BatchOverrides(String provider, CacheMode cache) {

    public static final BatchOverrides NONE = new BatchOverrides(null, null);
}
