package org.clipdg.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.clipdg.core.metrics.MetricRow;

/** Selections of the tidy metrics table the figures and tables share. */
public final class Metrics {
    private Metrics() {}

    /** Models in table order. */
    public static List<String> models(List<MetricRow> rows) {
        return rows.stream().map(MetricRow::model).distinct().toList();
    }

    /** Test sets in name order (CKA rows, test set "*", left out). */
    public static List<String> testSets(List<MetricRow> rows) {
        return rows.stream().map(MetricRow::testSet).filter(t -> !t.equals("*")).distinct().sorted().toList();
    }

    /** model -> test set -> the metric over the whole test set (no domain, group or bin slice). */
    public static Map<String, Map<String, MetricRow>> overall(List<MetricRow> rows, String metric) {
        Map<String, Map<String, MetricRow>> byModel = new LinkedHashMap<>();
        for (MetricRow row : rows) {
            if (row.metric().equals(metric) && row.domain().isEmpty() && row.group().isEmpty() && row.className().isEmpty()
                    && row.bin().isEmpty()) {
                byModel.computeIfAbsent(row.model(), m -> new TreeMap<>()).put(row.testSet(), row);
            }
        }
        return byModel;
    }

    /** A value with its 95 % interval, e.g. "0.872 (0.84–0.90)"; the value alone when there is no interval. */
    public static String withInterval(MetricRow row) {
        if (Double.isNaN(row.ciLow()) || Double.isNaN(row.ciHigh())) {
            return String.format(java.util.Locale.ROOT, "%.3f", row.value());
        }
        return String.format(java.util.Locale.ROOT, "%.3f (%.2f–%.2f)", row.value(), row.ciLow(), row.ciHigh());
    }
}
