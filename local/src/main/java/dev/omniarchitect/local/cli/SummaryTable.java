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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The end-of-run table: one row per item (with its wait for provider limits), then the job's figures; built a page
 * of the record at a time.
 */
final class SummaryTable {

    private static final List<String> HEADINGS = List.of("ITEM", "KIND", "STATUS", "CHECK", "CACHED", "PROVIDER", "MODEL", "MS",
            "WAIT MS");

    private static final KindRegistry KINDS = KindRegistry.builtIn();

    /** Items a run lists row by row at most; a larger job lists those that did not succeed. */
    static final int LISTED_ROWS = 200;

    private final PrintWriter out;
    private final List<List<String>> rows = new ArrayList<>(List.of(HEADINGS));
    private final List<String> notes = new ArrayList<>();
    private int unlisted;
    private int reviews;
    private long reviewErrors;
    private long reviewFindings;
    private boolean blueprint;

    SummaryTable(PrintWriter out) {
        this.out = out;
    }

    /**
     * Adds the items of that record (the whole job's, or a page of it): a row each, their errors and findings.
     * A job of more than {@link #LISTED_ROWS} items gets rows for those that did not succeed only.
     */
    void add(JobRecord page) {
        boolean every = page.progress().total() <= LISTED_ROWS;
        for (ItemResult item : page.items()) {
            if (every || item.status() != ItemStatus.SUCCEEDED) {
                rows.add(List.of(item.id(), Objects.toString(item.kind(), "-"), item.status().name(), check(item),
                        item.cached() ? "yes" : "no", Objects.toString(item.provider(), "-"),
                        Objects.toString(item.model(), "-"), Long.toString(item.durationMs()),
                        Long.toString(item.leaseWaitMs())));
            } else {
                unlisted++;
            }
            if (item.error() != null) {
                notes.add("  " + item.id() + ": " + item.error().code() + ": " + item.error().message());
            }
            boolean review = reviews(item);
            if (item.validation() != null && (item.status() == ItemStatus.INVALID || review)) {
                // An invalid item's errors; a review's findings, every severity: they are what it produced.
                item.validation().findings().stream()
                        .filter(finding -> review || finding.severity() == Severity.ERROR)
                        .forEach(finding -> notes.add("  " + item.id() + ": " + (review ? finding.severity()
                                .name().toLowerCase(Locale.ROOT) + " " : "") + finding.path()
                                + (finding.line() == null ? "" : ":" + finding.line()) + " " + finding.rule() + ": "
                                + finding.message()));
            }
            if (review && item.validation() != null) {
                reviews++;
                reviewErrors += item.validation().errorCount();
                reviewFindings += item.validation().findings().size();
            }
            blueprint |= BlueprintProvider.NAME.equals(item.provider());
        }
    }

    /** Prints the table of the items added, the job's figures (from its record) and the files written. */
    void print(JobRecord record, JobFilesWriter.Written files) {
        out.println();
        out.println("Job " + record.jobId() + ": " + record.status());
        new TextTable(out).print(rows, true);
        if (unlisted > 0) {
            out.printf("(%d more items succeeded; --json or GET /v1/generations/%s lists every item)%n", unlisted,
                    record.jobId());
        }
        notes.forEach(out::println);
        JobSummary summary = record.summary();
        if (summary != null) {
            out.println();
            out.printf("%d items: %d succeeded, %d invalid, %d failed, %d from cache%n", summary.total(),
                    summary.succeeded(), summary.invalid(), summary.failed(), summary.cacheHits());
            if (reviews > 0) {
                out.println(reviews + " security review(s) found " + reviewErrors + " error(s) and "
                        + (reviewFindings - reviewErrors) + " warning(s) in their input (a review that finds problems "
                        + "has succeeded)");
            }
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
        if (blueprint) {
            out.println("Items from provider \"blueprint\" are offline starting files rendered from params, not AI output.");
        }
        out.println();
        if (files.count() == 0) {
            out.println("No files written.");
        } else if (files.count() <= files.listed().size()) {
            out.println(files.count() + " files written:");
            files.listed().forEach(file -> out.println("  " + file));
        } else {
            out.println(files.count() + " files written under " + files.jobDirectory() + "/");
        }
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
