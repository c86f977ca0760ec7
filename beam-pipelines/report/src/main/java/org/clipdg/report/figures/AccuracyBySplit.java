package org.clipdg.report.figures;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.clipdg.core.metrics.MetricRow;
import org.clipdg.report.Metrics;
import org.clipdg.report.Table;
import org.clipdg.schema.SplitSummary;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Top-1 accuracy of every model on every test set: grouped bars, and the same as the papers'
 * Table 1 (rows: models with their training split, its size and removed count; columns: test sets).
 */
public final class AccuracyBySplit {
    private AccuracyBySplit() {}

    public static Figure figure(List<MetricRow> rows) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        Metrics.overall(rows, "top1").forEach((model, byTestSet) ->
                byTestSet.forEach((testSet, row) -> dataset.addValue(row.value(), model, testSet)));
        JFreeChart chart = ChartFactory.createBarChart(null, "test set", "top-1 accuracy", dataset, PlotOrientation.VERTICAL,
                true, true, false);
        chart.getCategoryPlot().getRangeAxis().setRange(0, 1);
        return new Figure("accuracy_by_split", "Accuracy per training split and test set",
                "Zero-shot top-1 accuracy (prompt-template ensemble) of each model on each test set; intervals are in"
                        + " Table 1.", chart, 900, 420);
    }

    /** @param splits every split the steps made, to give each model's training split its size */
    public static Table table(List<MetricRow> rows, List<SplitSummary> splits) {
        List<String> testSets = Metrics.testSets(rows);
        List<String> header = new ArrayList<>(List.of("model", "split", "kept", "removed"));
        header.addAll(testSets);
        List<List<String>> lines = new ArrayList<>();
        Map<String, Map<String, MetricRow>> top1 = Metrics.overall(rows, "top1");
        top1.forEach((model, byTestSet) -> {
            String split = byTestSet.values().iterator().next().split();
            SplitSummary summary = splits.stream().filter(s -> s.getName().equals(split)).findFirst().orElse(null);
            List<String> line = new ArrayList<>(List.of(model, split.isEmpty() ? "(own training data)" : split,
                    summary == null ? "" : String.valueOf(summary.getKept()),
                    summary == null ? "" : String.valueOf(summary.getRemoved())));
            testSets.forEach(t -> line.add(byTestSet.containsKey(t) ? Metrics.withInterval(byTestSet.get(t)) : ""));
            lines.add(line);
        });
        return new Table("table1_accuracy", "Table 1: top-1 accuracy per training split",
                "Rows: models with the split they were trained on, its size (kept) and the pool samples it removed;"
                        + " columns: test sets; top-1 with its 95 % Wilson interval.", header, lines);
    }
}
