package dev.omniarchitect.local.cli;

import dev.omniarchitect.job.ItemResult;
import dev.omniarchitect.job.ItemStatus;
import dev.omniarchitect.job.JobRecord;
import dev.omniarchitect.job.JobSummary;
import dev.omniarchitect.kind.Kind;
import dev.omniarchitect.kind.KindRegistry;
import dev.omniarchitect.provider.blueprint.BlueprintProvider;
import dev.omniarchitect.validation.Severity;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** The end-of-run table: one row per item (with its wait for provider limits), then the job's figures. */
final class SummaryTable {

    private static final List<String> HEADINGS = List.of("ITEM", "KIND", "STATUS", "CHECK", "CACHED", "PROVIDER", "MODEL", "MS",
            "WAIT MS");

    private static final KindRegistry KINDS = KindRegistry.builtIn();

    private final PrintWriter out;

    SummaryTable(PrintWriter out) {
        this.out = out;
    }

    void print(JobRecord record, List<Path> files) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADINGS);
        for (ItemResult item : record.items()) {
            rows.add(List.of(item.id(), Objects.toString(item.kind(), "-"), item.status().name(), check(item),
                    item.cached() ? "yes" : "no", Objects.toString(item.provider(), "-"),
                    Objects.toString(item.model(), "-"), Long.toString(item.durationMs()),
                    Long.toString(item.leaseWaitMs())));
        }
        out.println();
        out.println("Job " + record.jobId() + ": " + record.status());
        new TextTable(out).print(rows, true);
        for (ItemResult item : record.items()) {
            if (item.error() != null) {
                out.println("  " + item.id() + ": " + item.error().code() + ": " + item.error().message());
            }
            boolean review = reviews(item);
            if (item.validation() != null && (item.status() == ItemStatus.INVALID || review)) {
                // An invalid item's errors; a review's findings, every severity: they are what it produced.
                item.validation().findings().stream()
                        .filter(finding -> review || finding.severity() == Severity.ERROR)
                        .forEach(finding -> out.println("  " + item.id() + ": " + (review ? finding.severity()
                                .name().toLowerCase(Locale.ROOT) + " " : "") + finding.path()
                                + (finding.line() == null ? "" : ":" + finding.line()) + " " + finding.rule() + ": "
                                + finding.message()));
            }
        }
        JobSummary summary = record.summary();
        if (summary != null) {
            out.println();
            out.printf("%d items: %d succeeded, %d invalid, %d failed, %d from cache%n", summary.total(),
                    summary.succeeded(), summary.invalid(), summary.failed(), summary.cacheHits());
            reviewFindings(record).ifPresent(out::println);
            out.printf("wall %d ms, items added up %d ms, speedup %.2fx%n", summary.wallMs(), summary.sumItemMs(),
                    summary.speedup());
            if (summary.leaseWaitMs() > 0) {
                out.printf("waited %d ms in all for provider limits (WAIT MS: an item's share of its MS)%n",
                        summary.leaseWaitMs());
            }
            out.printf("tokens %d in, %d out; estimated cost $%.6f, saved by the cache $%.6f%s%n",
                    summary.inputTokens(), summary.outputTokens(), summary.costUsd(), summary.costSavedUsd(),
                    summary.unpricedItems() == 0 ? ""
                            : " (" + summary.unpricedItems() + " items used models without a price)");
        }
        if (record.items().stream().anyMatch(item -> BlueprintProvider.NAME.equals(item.provider()))) {
            out.println("Items from provider \"blueprint\" are offline starting files rendered from params, not AI output.");
        }
        out.println();
        if (files.isEmpty()) {
            out.println("No files written.");
        } else {
            out.println(files.size() + " files written:");
            files.forEach(file -> out.println("  " + file));
        }
    }

    /** What the security reviews found: they succeed whatever they find, so their findings are counted apart. */
    private static Optional<String> reviewFindings(JobRecord record) {
        List<ItemResult> reviews = record.items().stream()
                .filter(item -> reviews(item) && item.validation() != null)
                .toList();
        if (reviews.isEmpty()) {
            return Optional.empty();
        }
        long errors = reviews.stream().mapToLong(item -> item.validation().errorCount()).sum();
        long all = reviews.stream().mapToLong(item -> item.validation().findings().size()).sum();
        return Optional.of(reviews.size() + " security review(s) found " + errors + " error(s) and "
                + (all - errors) + " warning(s) in their input (a review that finds problems has succeeded)");
    }

    /** "ok", or the error and warning counts of the item's validation; "-" when it was never checked. */
    private static String check(ItemResult item) {
        if (item.validation() == null) {
            return "-";
        }
        long errors = item.validation().errorCount();
        long warnings = item.validation().findings().size() - errors;
        String text = errors == 0 && warnings == 0 ? "ok" : errors + "E " + warnings + "W";
        if (reviews(item)) {
            return errors == 0 && warnings == 0 ? "no findings" : "found " + text;
        }
        return item.repaired() ? text + " (repaired)" : text;
    }

    /** Whether the item reviewed an input: its findings are what it produced, not defects of its own. */
    private static boolean reviews(ItemResult item) {
        return item.kind() != null && KINDS.find(item.kind()).map(Kind::takesInput).orElse(false);
    }
}
