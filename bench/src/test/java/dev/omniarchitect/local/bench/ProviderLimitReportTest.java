package dev.omniarchitect.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The provider-limit section replaces only itself in BENCHMARKS.md, and its targets read the adaptive figures. */
class ProviderLimitReportTest {

    private static ProviderLimitFigure figure(String mode, int ceiling, double wallMs, int calls, int throttled,
                                              int peak, int failed) {
        return new ProviderLimitFigure(mode, ceiling, 10, 30, 5, 300, wallMs, ProviderLimitBench.idealMs(), calls,
                throttled, peak, 300 - failed, failed, 0, 1_000);
    }

    @Test
    void theSectionGoesBeforeTheMethodOnceAndIsReplacedInPlaceAfterwards() {
        String report = "# Benchmarks\n\n## Fan-out\n\nfigures\n\n## Method\n\nhow\n";
        String first = ProviderLimitReport.replace(report, ProviderLimitReport.section(List.of(
                figure("adaptive limit", 10, 19_000, 305, 5, 6, 0),
                figure("fixed per-job lanes", 1000, 37_000, 540, 240, 30, 2)), 1.0, 1.5, "abc1234"));
        assertTrue(first.indexOf("## One limit per provider") < first.indexOf("## Method"), first);
        assertTrue(first.contains("| adaptive limit | 10 | 19.0 | 1.06 | 305 | 5 | 1.6% | 6 | 300 | 0 | 0 | 1.0 |"),
                first);

        String again = ProviderLimitReport.replace(first, ProviderLimitReport.section(List.of(
                figure("adaptive limit", 10, 25_000, 310, 10, 7, 0),
                figure("fixed per-job lanes", 1000, 37_000, 540, 240, 30, 2)), 1.0, 1.5, "def5678"));
        assertEquals(1, again.split("## One limit per provider", -1).length - 1, "replaced, not added");
        assertFalse(again.contains("abc1234"), again);
        assertTrue(again.startsWith("# Benchmarks\n\n## Fan-out\n\nfigures\n\n"), again);
        assertTrue(again.endsWith("## Method\n\nhow\n"), again);

        // A full bench run writes a new report without the section: it is put back as it was.
        String rewritten = "# Benchmarks\n\nnew figures\n\n## Method\n\nhow\n";
        String kept = ProviderLimitReport.replace(rewritten, ProviderLimitReport.find(again).orElseThrow());
        assertTrue(kept.contains("def5678") && kept.contains("new figures"), kept);
    }

    @Test
    void theTargetsAreTheAdaptiveModes() {
        List<BenchResults.Target> met = ProviderLimitReport.targets(figure("adaptive limit", 10, 19_000, 305,
                5, 6, 0));
        assertTrue(met.stream().allMatch(BenchResults.Target::met), met.toString());
        List<BenchResults.Target> missed = ProviderLimitReport.targets(figure("adaptive limit", 10, 21_000,
                300, 6, 11, 1));
        assertEquals(List.of(false, false, false, false),
                missed.stream().map(BenchResults.Target::met).toList(), missed.toString());
    }
}
