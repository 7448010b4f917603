package dev.omniarchitect.local.cli;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.job.ItemResult;
import dev.omniarchitect.job.JobRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes a job's files as {@code DIR/<jobId>/<itemId>/<path>}, never outside the item's folder. */
final class JobFilesWriter {

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
        return written;
    }
}
