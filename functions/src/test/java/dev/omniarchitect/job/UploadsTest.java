package dev.omniarchitect.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omniarchitect.batch.DocumentFormat;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Upload ids, where each owner's uploads are kept, and how an upload is read back, bounded. */
class UploadsTest {

    private final MemoryJobFiles store = new MemoryJobFiles();

    @Test
    void anIdNamesItsTimeAndFormatAndEachOwnerHasAPlaceOfItsOwn() {
        Uploads uploads = new Uploads(Clock.fixed(Instant.parse("2026-12-07T10:15:00Z"), ZoneOffset.UTC));
        String id = uploads.newId(DocumentFormat.JSON_LINES);

        assertTrue(Uploads.ID.matcher(id).matches(), id);
        assertTrue(id.startsWith("20261207-101500-") && id.endsWith(".jsonl"), id);
        assertNotEquals(id, uploads.newId(DocumentFormat.JSON_LINES), "ids are unique");
        assertEquals(DocumentFormat.JSON_LINES, Uploads.format(id));
        assertEquals(DocumentFormat.JSON, Uploads.format(uploads.newId(DocumentFormat.JSON)));
        String ann = Uploads.key(Owner.of("jwt:ann"), id);
        String bob = Uploads.key(Owner.of("jwt:bob"), id);
        assertNotEquals(ann, bob);
        assertTrue(Uploads.isUploadKey(ann) && Uploads.isUploadKey(bob), ann);
        assertFalse(Uploads.isUploadKey("uploads/../jobs/" + id));
        assertFalse(Uploads.isUploadKey("jobs/x/items.jsonl"));
    }

    @Test
    void anUploadIsReadByItsOwnerOnlyAndNeverPastItsBound() {
        String id = "20261207-101500-3f9a1c2b4d5e6f70.json";
        store.put(Uploads.key(Owner.of("jwt:ann"), id), "{\"items\": []}");

        assertEquals("{\"items\": []}", Uploads.read(store, Owner.of("jwt:ann"), id));
        assertThrows(Uploads.Missing.class, () -> Uploads.read(store, Owner.of("jwt:bob"), id),
                "another owner's upload is as absent as none");
        store.put(Uploads.key(Owner.of("jwt:ann"), id), new byte[Uploads.MAX_BYTES + 1]);
        assertThrows(Uploads.TooLarge.class, () -> Uploads.read(store, Owner.of("jwt:ann"), id));
    }
}
