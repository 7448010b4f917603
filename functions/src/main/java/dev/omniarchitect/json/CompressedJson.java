package dev.omniarchitect.json;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Values as gzip-compressed JSON: how generated files are stored, so one stored record stays far
 * below DynamoDB's 400 KB item limit. Anything above {@link #MAX_STORED_BYTES} is refused upstream.
 */
public final class CompressedJson {

    /** The most one stored record may hold compressed: well under 400 KB with its other attributes. */
    public static final int MAX_STORED_BYTES = 256 * 1024;

    private final ObjectMapper mapper;

    public CompressedJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The value as compressed JSON. */
    public byte[] encode(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(bytes)) {
            mapper.writeValue(gzip, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The value back from {@link #encode}. */
    public <T> T decode(byte[] compressed, TypeReference<T> type) {
        try (InputStream gzip = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            return mapper.readValue(gzip, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
