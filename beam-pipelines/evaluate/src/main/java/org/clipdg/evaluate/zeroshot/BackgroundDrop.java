package org.clipdg.evaluate.zeroshot;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import org.clipdg.core.metrics.MetricRow;
import org.clipdg.evaluate.EvaluatedModel;
import org.clipdg.evaluate.metrics.BootstrapInterval;

/**
 * Common versus counter background (docs/science.md): drop = acc(common) - acc(counter), top-1, with a
 * seeded percentile-bootstrap 95 % interval (each group resampled on its own). Reported per test
 * set that holds both groups, and per domain over the test sets sharing it (test set {@code *}).
 */
public final class BackgroundDrop {
    public static final String COMMON = "common";
    public static final String COUNTER = "counter";
    public static final String METRIC = "top1_drop";
    private static final int RESAMPLES = 2000;

    private BackgroundDrop() {}

    public static List<MetricRow> of(EvaluatedModel model, List<TestSetPredictions> tests, long seed) {
        List<MetricRow> rows = new ArrayList<>();
        for (TestSetPredictions test : tests) {
            add(rows, model, test.testSet(), "", List.of(test), r -> true, seed);
        }
        TreeMap<String, Integer> setsPerDomain = new TreeMap<>();
        tests.forEach(test -> new TreeSet<>(List.of(test.domains())).forEach(d -> setsPerDomain.merge(d, 1, Integer::sum)));
        setsPerDomain.forEach((domain, sets) -> {
            if (!domain.isEmpty() && sets > 1) {
                add(rows, model, "*", domain, tests, null, seed);
            }
        });
        return rows;
    }

    /** {@code member} null: rows of {@code domain} in every test set. */
    private static void add(List<MetricRow> rows, EvaluatedModel model, String testSet, String domain,
            List<TestSetPredictions> tests, IntPredicate member, long seed) {
        List<Boolean> common = new ArrayList<>();
        List<Boolean> counter = new ArrayList<>();
        for (TestSetPredictions test : tests) {
            for (int r = 0; r < test.size(); r++) {
                boolean included = member != null ? member.test(r) : test.domains()[r].equals(domain);
                if (!included) {
                    continue;
                }
                if (test.groups()[r].equals(COMMON)) {
                    common.add(test.correctAt(r, 1));
                } else if (test.groups()[r].equals(COUNTER)) {
                    counter.add(test.correctAt(r, 1));
                }
            }
        }
        if (common.isEmpty() || counter.isEmpty()) {
            return;
        }
        BootstrapInterval.Estimate drop = BootstrapInterval.ofDifference(flags(common), flags(counter), RESAMPLES,
                AccuracySlices.CONFIDENCE, seed);
        rows.add(model.row(testSet, domain, COMMON + "-" + COUNTER, "",
                METRIC, drop.point(), common.size() + counter.size(), drop.interval().low(), drop.interval().high()));
    }

    private static boolean[] flags(List<Boolean> values) {
        boolean[] result = new boolean[values.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = values.get(i);
        }
        return result;
    }
}
