package dev.omniarchitect.local.cli;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.job.ItemResult;
import dev.omniarchitect.job.JobRecord;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omniarchitect.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Writes a job's files as {@code DIR/<jobId>/<itemId>/<path>}, never outside the item's folder. */
final class JobFilesWriter {

    /** The job's validation findings, every item's, in one file. */
    static final String FINDINGS_FILE = "findings.json";

    private final Path root;

    JobFilesWriter(Path root) {
        this.root = root;
    }

    /** Writes every file of the job and returns their paths, in item order. */
    List<Path> write(JobRecord record) throws IOException {
        Path jobDirectory = root.resolve(record.jobId());
        Files.createDirectories(jobDirectory);
        List<Path> written = new ArrayList<>();
        for (ItemResult item : record.items()) {
            Path itemDirectory = jobDirectory.resolve(item.id()).normalize();
            for (GeneratedFile file : item.files()) {
                Path target = itemDirectory.resolve(file.path()).normalize();
                if (!target.startsWith(itemDirectory)) {
                    throw new IOException("refusing to write " + file.path() + " outside " + itemDirectory);
                }
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.content(), StandardCharsets.UTF_8);
                written.add(target);
            }
        }
        findings(record, jobDirectory).ifPresent(written::add);
        return written;
    }

    /**
     * Every item's validation findings, by item id, in {@code findings.json} beside the item folders (item
     * ids cannot end in .json, so it never meets one); nothing when no item has any.
     */
    private static Optional<Path> findings(JobRecord record, Path jobDirectory) throws IOException {
        ObjectNode byItem = Json.mapper().createObjectNode();
        for (ItemResult item : record.items()) {
            if (item.validation() != null && !item.validation().findings().isEmpty()) {
                byItem.set(item.id(), Json.mapper().valueToTree(item.validation().findings()));
            }
        }
        if (byItem.isEmpty()) {
            return Optional.empty();
        }
        Path file = jobDirectory.resolve(FINDINGS_FILE);
        Files.writeString(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(byItem) + "\n",
                StandardCharsets.UTF_8);
        return Optional.of(file);
    }
}
