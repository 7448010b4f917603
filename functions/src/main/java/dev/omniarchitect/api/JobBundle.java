package dev.omniarchitect.api;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.job.ItemResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A job's generated files as zip archives laid out {@code <itemId>/<path>}: one archive when it fits in
 * a response, otherwise parts of whole items, each a complete zip within the limit, that unzip into the
 * same tree.
 */
final class JobBundle {

    private final List<List<ItemResult>> parts;
    private final byte[] whole;
    private final Instant time;

    private JobBundle(List<List<ItemResult>> parts, byte[] whole, Instant time) {
        this.parts = parts;
        this.whole = whole;
        this.time = time;
    }

    /** The bundle of those items in parts of at most {@code maxBytes}, entries dated {@code time}. */
    static JobBundle of(List<ItemResult> items, int maxBytes, Instant time) {
        byte[] whole = zip(items, time);
        if (whole.length <= maxBytes) {
            return new JobBundle(List.of(items), whole, time);
        }
        // One item's own archive is an upper bound on what it adds to a shared one.
        List<List<ItemResult>> parts = new ArrayList<>();
        List<ItemResult> part = new ArrayList<>();
        long partBytes = 0;
        for (ItemResult item : items) {
            long itemBytes = zip(List.of(item), time).length;
            if (!part.isEmpty() && partBytes + itemBytes > maxBytes) {
                parts.add(part);
                part = new ArrayList<>();
                partBytes = 0;
            }
            part.add(item);
            partBytes += itemBytes;
        }
        parts.add(part);
        return new JobBundle(parts, null, time);
    }

    /** How many parts there are; 1 when the bundle fits in one response. */
    int partCount() {
        return parts.size();
    }

    /** Part {@code number}, counted from 1. */
    byte[] part(int number) {
        return parts.size() == 1 ? whole : zip(parts.get(number - 1), time);
    }

    private static byte[] zip(List<ItemResult> items, Instant time) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (ItemResult item : items) {
                for (GeneratedFile file : item.files()) {
                    ZipEntry entry = new ZipEntry(item.id() + "/" + file.path());
                    // Fixed dates: the same job always gives the same bytes.
                    entry.setLastModifiedTime(FileTime.from(time));
                    zip.putNextEntry(entry);
                    zip.write(file.content().getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
