package org.clipdg.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.clipdg.core.metrics.MetricRow;
import org.clipdg.schema.SplitSummary;

/**
 * The report's summary in numbers: what training on each split instead of the whole pool did to
 * top-1 on each test set (the largest loss and the smallest), and what counter backgrounds cost
 * where their 95 % interval excludes no cost.
 */
public final class Findings {
    private Findings() {}

    public static List<String> of(List<MetricRow> rows, List<SplitSummary> splits) {
        List<String> findings = new ArrayList<>();
        Map<String, Map<String, MetricRow>> top1 = Metrics.overall(rows, "top1");
        top1.forEach((model, byTestSet) -> {
            MetricRow any = byTestSet.values().iterator().next();
            if (any.split().isEmpty() || any.split().equals("all")) {
                return;
            }
            Map<String, MetricRow> baseline = baseline(top1, any.seed());
            if (baseline == null) {
                return;
            }
            List<Change> changes = new ArrayList<>();
            byTestSet.forEach((testSet, row) -> {
                if (baseline.containsKey(testSet)) {
                    changes.add(new Change(baseline.get(testSet), row));
                }
            });
            if (changes.isEmpty()) {
                return;
            }
            changes.sort(Comparator.comparingDouble(Change::points));
            String size = splits.stream().filter(s -> s.getName().equals(any.split())).findFirst()
                    .map(s -> String.format(Locale.ROOT, " (%,d samples kept, %,d removed)", s.getKept(), s.getRemoved()))
                    .orElse("");
            findings.add("Training on " + any.split() + size + " instead of the whole pool: top-1 on "
                    + changes.get(0).describe() + "; on " + changes.get(changes.size() - 1).describe() + ".");
        });
        for (String model : Metrics.models(rows)) {
            List<MetricRow> drops = rows.stream().filter(r -> r.model().equals(model) && r.metric().equals("top1_drop")
                    && r.domain().isEmpty() && r.ciLow() > 0).sorted(Comparator.comparingDouble(MetricRow::value).reversed())
                    .limit(3).toList();
            if (!drops.isEmpty()) {
                findings.add("Counter backgrounds cost " + model + " top-1 on " + String.join(", ", drops.stream()
                        .map(d -> String.format(Locale.ROOT, "%s %.1f points (95%% CI %.1f to %.1f)", d.testSet(), 100 * d.value(),
                                100 * d.ciLow(), 100 * d.ciHigh())).toList()) + (drops.size() == 3 ? " (the three largest)" : "")
                        + ".");
            }
        }
        return findings;
    }

    /**
     * Top-1 of a split's model against the whole pool's on one test set. The interval of the change
     * is Newcombe's hybrid score interval from the two Wilson intervals; it treats the two models'
     * errors as independent, so on the same images it is conservative (wider than a paired one).
     */
    record Change(MetricRow base, MetricRow row) {
        double points() {
            return 100 * (row.value() - base.value());
        }

        String describe() {
            double low = row.value() - base.value() - Math.hypot(row.value() - row.ciLow(), base.ciHigh() - base.value());
            double high = row.value() - base.value() + Math.hypot(row.ciHigh() - row.value(), base.value() - base.ciLow());
            return String.format(Locale.ROOT, "%s %s → %s, %+.1f points (95%% CI %+.1f to %+.1f)", row.testSet(),
                    Metrics.withInterval(base), Metrics.withInterval(row), points(), 100 * low, 100 * high);
        }
    }

    /** The model trained on the whole pool with the same seed, if the study trained one. */
    private static Map<String, MetricRow> baseline(Map<String, Map<String, MetricRow>> top1, long seed) {
        return top1.values().stream().filter(byTestSet -> {
            MetricRow any = byTestSet.values().iterator().next();
            return any.split().equals("all") && any.seed() == seed;
        }).findFirst().orElse(null);
    }
}
