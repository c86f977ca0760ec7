package org.clipdg.evaluate.zeroshot;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import org.clipdg.core.metrics.MetricRow;
import org.clipdg.evaluate.EvaluatedModel;
import org.clipdg.core.metrics.Interval;
import org.clipdg.core.metrics.WilsonInterval;

/**
 * Top-1 (and top-5, when a test set has more than five classes) accuracy of one test set, whole,
 * per domain and per group, and over subsets of its images; with two or more background groups,
 * also top-1 per class and group. Each with a 95 % Wilson interval.
 */
public final class AccuracySlices {
    public static final double CONFIDENCE = 0.95;

    private AccuracySlices() {}

    public static List<MetricRow> of(EvaluatedModel model, TestSetPredictions predictions, int allowedClasses) {
        List<MetricRow> rows = restricted(model, predictions, allowedClasses, "", r -> true);
        TreeSet<String> groups = new TreeSet<>(List.of(predictions.groups()));
        groups.remove("");
        for (String group : groups) {
            add(rows, model, predictions, "", group, r -> predictions.groups()[r].equals(group), allowedClasses, "");
        }
        if (groups.size() > 1) {
            rows.addAll(perClassAndGroup(model, predictions, groups));
        }
        return rows;
    }

    /** Top-1 per class within each background group: where counter backgrounds cost which class. */
    private static List<MetricRow> perClassAndGroup(EvaluatedModel model, TestSetPredictions predictions, TreeSet<String> groups) {
        List<MetricRow> rows = new ArrayList<>();
        for (int c : java.util.stream.IntStream.of(predictions.truth()).distinct().sorted().toArray()) {
            for (String group : groups) {
                long n = 0;
                long correct = 0;
                for (int r = 0; r < predictions.size(); r++) {
                    if (predictions.truth()[r] == c && predictions.groups()[r].equals(group)) {
                        n++;
                        correct += predictions.correctAt(r, 1) ? 1 : 0;
                    }
                }
                if (n > 0) {
                    Interval ci = WilsonInterval.of(correct, n, CONFIDENCE);
                    rows.add(model.classRow(predictions.testSet(), predictions.classes().get(c), group, "top1",
                            (double) correct / n, n, ci.low(), ci.high()));
                }
            }
        }
        return rows;
    }

    /**
     * Accuracy over the rows {@code member} admits, whole and per domain, as metrics {@code top1_<suffix>}
     * (plain {@code top1} for an empty suffix): held-out classes, clean test sets.
     */
    public static List<MetricRow> restricted(EvaluatedModel model, TestSetPredictions predictions, int allowedClasses, String suffix,
            IntPredicate member) {
        List<MetricRow> rows = new ArrayList<>();
        add(rows, model, predictions, "", "", member, allowedClasses, suffix);
        for (String domain : new TreeSet<>(List.of(predictions.domains()))) {
            if (!domain.isEmpty()) {
                add(rows, model, predictions, domain, "", r -> member.test(r) && predictions.domains()[r].equals(domain),
                        allowedClasses, suffix);
            }
        }
        return rows;
    }

    private static void add(List<MetricRow> rows, EvaluatedModel model, TestSetPredictions predictions, String domain, String group,
            IntPredicate member, int allowedClasses, String suffix) {
        List<Integer> ks = allowedClasses > 5 ? List.of(1, 5) : List.of(1);
        for (int k : ks) {
            long n = 0;
            long correct = 0;
            for (int r = 0; r < predictions.size(); r++) {
                if (member.test(r)) {
                    n++;
                    correct += predictions.correctAt(r, k) ? 1 : 0;
                }
            }
            if (n == 0) {
                continue;
            }
            Interval ci = WilsonInterval.of(correct, n, CONFIDENCE);
            rows.add(model.row(predictions.testSet(), domain, group, "",
                    "top" + k + (suffix.isEmpty() ? "" : "_" + suffix), (double) correct / n, n, ci.low(), ci.high()));
        }
    }
}
