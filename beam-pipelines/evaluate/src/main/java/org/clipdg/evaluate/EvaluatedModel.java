package org.clipdg.evaluate;

import org.clipdg.core.metrics.MetricRow;

/**
 * Who is evaluated: the model's name, the split it was trained on, the split's whitelist sha256 and
 * the training seed (from the model card), so runs of several seeds can be told apart and averaged.
 */
public record EvaluatedModel(String name, String split, String splitSha256, long seed) {
    /** A row of this model's metrics; empty strings mean "all" as in {@link MetricRow}. */
    public MetricRow row(String testSet, String domain, String group, String bin, String metric, double value, long n,
            double ciLow, double ciHigh) {
        return new MetricRow(name, split, splitSha256, seed, testSet, domain, group, "", bin, metric, value, n, ciLow, ciHigh);
    }

    /** A row of this model's metrics on one class of a test set, in one background group. */
    public MetricRow classRow(String testSet, String className, String group, String metric, double value, long n, double ciLow,
            double ciHigh) {
        return new MetricRow(name, split, splitSha256, seed, testSet, "", group, className, "", metric, value, n, ciLow, ciHigh);
    }
}
