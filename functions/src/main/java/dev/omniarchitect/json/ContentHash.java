package dev.omniarchitect.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 over a value's canonical JSON: the same for two documents that mean the same, however spelled. */
public final class ContentHash {

    private ContentHash() {
    }

    /** The 64-hex-digit hash of the value's {@link CanonicalJson} text. */
    public static String of(JsonNode value) {
        return ofText(CanonicalJson.write(value));
    }

    /** The 64-hex-digit SHA-256 of the text's UTF-8 bytes. */
    public static String ofText(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
