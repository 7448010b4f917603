package dev.omniarchitect.local.bench;

import dev.omniarchitect.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The files a command that writes one section of BENCHMARKS.md writes: the report, and its figures as JSON. */
final class SectionFiles {

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "BENCHMARKS.md",
            description = "the report whose section is replaced (default: ${DEFAULT-VALUE})")
    Path report;

    @Option(names = "--results", paramLabel = "FILE",
            description = "the figures as JSON (default: docs/bench/${COMMAND-NAME}.json)")
    Path results;

    /** Replaces that section of the report with {@code markdown} and writes the figures; returns what it wrote. */
    String write(String command, ReportSection section, String markdown, Object figures) throws IOException {
        Path json = results != null ? results : Path.of("docs", "bench", command + ".json");
        String existing = Files.isRegularFile(report) ? Files.readString(report, StandardCharsets.UTF_8) : "";
        BenchFiles.write(report, section.replace(existing, markdown));
        BenchFiles.write(json, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(figures));
        return report + ", " + json;
    }
}
