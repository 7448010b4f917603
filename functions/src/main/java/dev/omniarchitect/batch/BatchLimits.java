package dev.omniarchitect.batch;

import java.util.regex.Pattern;

/** The documented bounds of a batch document; README and help texts quote these. */
public final class BatchLimits {

    public static final int MAX_ITEMS = 10_000;
    /**
     * A batch document's size in bytes in a request body and scheduled runs: 5 MiB still fits, wrapped in API
     * Gateway's event, under Lambda's 6 MB invocation payload (100 items of 16,000-character prompts are 1.6 MB in
     * ASCII, 4.8 MB in three-byte characters; 10,000 items of short prompts fit too). A larger document is
     * uploaded ({@link dev.omniarchitect.job.Uploads}).
     */
    public static final int MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
    /** {@link #MAX_DOCUMENT_BYTES} as help texts say it. */
    public static final String MAX_DOCUMENT_SIZE_TEXT = "5 MiB";
    public static final Pattern ITEM_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    public static final int MAX_PROMPT_CHARS = 16_000;
    public static final int MAX_PARAMS_JSON_CHARS = 16_384;
    /** A security-review item's input file: 64 KB. */
    public static final int MAX_INPUT_CHARS = 65_536;
    public static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,199}");
    public static final double MIN_TEMPERATURE = 0.0;
    public static final double MAX_TEMPERATURE = 2.0;
    public static final int MAX_TOKENS = 32_768;
    public static final int MAX_TIMEOUT_SECONDS = 600;
    public static final long MIN_CACHE_TTL_SECONDS = 60;
    public static final long MAX_CACHE_TTL_SECONDS = 31_536_000;
    public static final int MAX_ATTEMPTS = 10;
    public static final int MAX_FALLBACKS = 4;
    public static final Pattern CLIENT_TOKEN = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    public static final double DEFAULT_TEMPERATURE = 0.2;
    public static final int DEFAULT_MAX_TOKENS = 4_096;
    public static final int DEFAULT_TIMEOUT_SECONDS = 120;
    public static final long DEFAULT_CACHE_TTL_SECONDS = 604_800;
    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    private BatchLimits() {
    }
}
