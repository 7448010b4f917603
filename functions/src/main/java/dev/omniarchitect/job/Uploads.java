package dev.omniarchitect.job;

import dev.omniarchitect.batch.DocumentFormat;
import dev.omniarchitect.json.ContentHash;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;

/**
 * Batch documents uploaded to the job files bucket, for jobs whose document is more than the API's body takes
 * ({@code POST /v1/uploads}, then {@code POST /v1/generations} naming the upload): their ids, where each is
 * kept (under its owner's scope, so nobody reads another's), and their bound.
 */
public final class Uploads {

    /** The largest uploaded document: 10,000 items of about 6,500 characters each. */
    public static final int MAX_BYTES = 64 * 1024 * 1024;
    /** {@link #MAX_BYTES} as messages say it. */
    public static final String MAX_SIZE_TEXT = "64 MiB";
    /** How long an upload URL may be used; the bucket drops uploads a day after they were written. */
    public static final Duration URL_VALIDITY = Duration.ofMinutes(15);
    /** An upload id: when it was asked for, a random part, and the document's format. */
    public static final Pattern ID = Pattern.compile("[0-9]{8}-[0-9]{6}-[0-9a-f]{16}\\.(json|jsonl)");
    /** The key prefix of every upload in the bucket (its lifecycle rule expires them after a day). */
    public static final String PREFIX = "uploads/";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Uploads(Clock clock) {
        this.clock = clock;
    }

    /** A fresh upload id for a document of that format; called per request. */
    public String newId(DocumentFormat format) {
        byte[] suffix = new byte[8];
        random.nextBytes(suffix);
        return TIME.format(clock.instant()) + "-" + HexFormat.of().formatHex(suffix) + "." + format.wireName();
    }

    /** The format an upload id names. */
    public static DocumentFormat format(String uploadId) {
        return uploadId.endsWith(".jsonl") ? DocumentFormat.JSON_LINES : DocumentFormat.JSON;
    }

    /** Where that owner's upload of that id is kept. */
    public static String key(Owner owner, String uploadId) {
        return PREFIX + ContentHash.ofText(owner.id()).substring(0, 24) + "/" + uploadId;
    }

    /** Whether a key is one {@link #key} makes: an owner's scope and a well-formed upload id. */
    public static boolean isUploadKey(String key) {
        String[] parts = key.split("/", -1);
        return parts.length == 3 && (parts[0] + "/").equals(PREFIX) && parts[1].matches("[0-9a-f]{24}")
                && ID.matcher(parts[2]).matches();
    }

    /**
     * The uploaded document's text, read from the handler's thread (it blocks while it reads); {@link Missing}
     * when there is none, {@link TooLarge} past {@link #MAX_BYTES}.
     */
    public static String read(JobFileStore files, Owner owner, String uploadId) {
        try (InputStream in = files.open(key(owner, uploadId)).join()) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new TooLarge();
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (CompletionException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                throw new Missing();
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** There is no such upload of the caller's: never made, never sent, or expired. */
    public static final class Missing extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Missing() {
            super("no such upload", null, false, false);
        }
    }

    /** The upload is larger than {@link #MAX_BYTES}. */
    public static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("upload too large", null, false, false);
        }
    }
}
