package org.clipdg.core.metrics;

/**
 * One row of the evaluation's tidy table: a metric of one model on one slice of a test set.
 * Empty strings mean "all" (every domain, every group, every class, no similarity bin).
 */
public record MetricRow(String model, String split, String splitSha256, long seed, String testSet, String domain, String group,
        String className, String bin,
        String metric, double value, long n, double ciLow, double ciHigh) {
    public static final String HEADER = "model\tsplit\tsplit_sha256\tseed\ttest_set\tdomain\tgroup\tclass\tbin\tmetric\tvalue\tn\tci_low\tci_high";
}
