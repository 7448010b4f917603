package dev.omniarchitect.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.job.ItemResult;
import dev.omniarchitect.job.ItemStatus;
import dev.omniarchitect.provider.Usage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** Bundles: one zip of {@code <itemId>/<path>} entries, or parts of whole items within the limit. */
class JobBundleTest {

    private static final Instant TIME = Instant.parse("2026-11-26T17:54:32Z");

    @Test
    void aSmallJobIsOneZipOfEveryFileUnderItsItem() throws IOException {
        List<ItemResult> items = List.of(
                item("orders-ci", Map.of(".github/workflows/ci.yml", "on: push\n")),
                item("orders-k8s", Map.of("deployment.yaml", "kind: Deployment\n", "service.yaml", "kind: Service\n")));
        JobBundle bundle = JobBundle.of(items, 1_000_000, TIME);
        assertEquals(1, bundle.partCount());
        assertEquals(Map.of("orders-ci/.github/workflows/ci.yml", "on: push\n",
                "orders-k8s/deployment.yaml", "kind: Deployment\n", "orders-k8s/service.yaml", "kind: Service\n"),
                entries(bundle.part(1)));
        assertEquals(java.util.Arrays.toString(bundle.part(1)),
                java.util.Arrays.toString(JobBundle.of(items, 1_000_000, TIME).part(1)), "the same job, the same bytes");
    }

    @Test
    void aLargeJobComesInPartsOfWholeItemsEachWithinTheLimit() throws IOException {
        Random random = new Random(7);
        List<ItemResult> items = new ArrayList<>();
        Map<String, String> everything = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            byte[] noise = new byte[60_000];
            random.nextBytes(noise);
            String content = java.util.Base64.getEncoder().encodeToString(noise);
            items.add(item("item-" + i, Map.of("main.tf", content)));
            everything.put("item-" + i + "/main.tf", content);
        }
        int limit = 200_000;
        JobBundle bundle = JobBundle.of(items, limit, TIME);
        assertEquals(4, bundle.partCount(), "about 60 KB compressed per item, three to a part");
        Map<String, String> unzipped = new LinkedHashMap<>();
        for (int part = 1; part <= bundle.partCount(); part++) {
            byte[] zip = bundle.part(part);
            assertTrue(zip.length <= limit, "part " + part + " is " + zip.length + " bytes");
            unzipped.putAll(entries(zip));
        }
        assertEquals(everything, unzipped, "the parts unzip into the whole tree, every file once");
    }

    private static ItemResult item(String id, Map<String, String> files) {
        return new ItemResult(id, "terraform", ItemStatus.SUCCEEDED, false, "blueprint", "blueprint-v1", List.of(),
                5, Usage.NONE, null, null, files.entrySet().stream()
                .map(file -> new GeneratedFile(file.getKey(), file.getValue())).toList(), null);
    }

    private static Map<String, String> entries(byte[] zip) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                assertTrue(entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8)) == null,
                        "duplicate entry " + entry.getName());
            }
        }
        return entries;
    }
}
