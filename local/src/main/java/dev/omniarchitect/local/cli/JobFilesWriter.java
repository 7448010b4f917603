package dev.omniarchitect.local.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.job.ItemResult;
import dev.omniarchitect.job.JobRecord;
import dev.omniarchitect.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a job's files as {@code DIR/<jobId>/<itemId>/<path>}, never outside the item's folder, a page of the
 * job's record at a time: a 10,000-item job's files are written as its pages arrive, none held beyond its page.
 */
final class JobFilesWriter {

    /** The job's validation findings, every item's, in one file. */
    static final String FINDINGS_FILE = "findings.json";
    /** Paths a run lists one by one at most; beyond them it says how many and where. */
    static final int LISTED_PATHS = 200;

    /** What was written: how many files, and their paths up to {@link #LISTED_PATHS}, in item order. */
    record Written(Path jobDirectory, int count, List<Path> listed) {
    }

    private final Path jobDirectory;
    private final ObjectNode findings = Json.mapper().createObjectNode();
    private final List<Path> listed = new ArrayList<>();
    private int count;

    JobFilesWriter(Path root, String jobId) {
        this.jobDirectory = root.resolve(jobId);
    }

    /** Writes every file of the items of that record (the whole job's, or a page of it). */
    void write(JobRecord page) throws IOException {
        Files.createDirectories(jobDirectory);
        for (ItemResult item : page.items()) {
            Path itemDirectory = jobDirectory.resolve(item.id()).normalize();
            for (GeneratedFile file : item.files()) {
                Path target = itemDirectory.resolve(file.path()).normalize();
                if (!target.startsWith(itemDirectory)) {
                    throw new IOException("refusing to write " + file.path() + " outside " + itemDirectory);
                }
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.content(), StandardCharsets.UTF_8);
                written(target);
            }
            if (item.validation() != null && !item.validation().findings().isEmpty()) {
                findings.set(item.id(), Json.mapper().valueToTree(item.validation().findings()));
            }
        }
    }

    /**
     * Every item's validation findings, by item id, in {@code findings.json} beside the item folders (item ids
     * cannot end in .json, so it never meets one), unless no item has any; then what was written in all.
     */
    Written finish() throws IOException {
        if (!findings.isEmpty()) {
            Path file = jobDirectory.resolve(FINDINGS_FILE);
            Files.writeString(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(findings) + "\n",
                    StandardCharsets.UTF_8);
            written(file);
        }
        return new Written(jobDirectory, count, List.copyOf(listed));
    }

    private void written(Path file) {
        count++;
        if (listed.size() < LISTED_PATHS) {
            listed.add(file);
        }
    }
}
