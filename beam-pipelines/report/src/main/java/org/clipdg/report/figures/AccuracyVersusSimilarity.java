package org.clipdg.report.figures;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.clipdg.core.metrics.MetricRow;
import org.clipdg.report.Metrics;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The first study's main figure: top-1 accuracy per bin of 1-NN similarity to the model's own
 * training data, one line per test set, with 95 % Wilson intervals; one figure per model.
 */
public final class AccuracyVersusSimilarity {
    private static final Pattern BIN = Pattern.compile("[\\[(]([-0-9.eE]+),([-0-9.eE]+)[)\\]]");

    private AccuracyVersusSimilarity() {}

    public static List<Figure> of(List<MetricRow> rows) {
        List<Figure> figures = new ArrayList<>();
        for (String model : Metrics.models(rows)) {
            Map<String, List<MetricRow>> byTestSet = new LinkedHashMap<>();
            for (MetricRow row : rows) {
                if (row.model().equals(model) && row.metric().equals("top1") && !row.bin().isEmpty()) {
                    byTestSet.computeIfAbsent(row.testSet(), t -> new ArrayList<>()).add(row);
                }
            }
            if (byTestSet.isEmpty()) {
                continue;
            }
            // Quantile bins are narrow where the points crowd: one step per bin, labelled with its edges.
            List<String> bins = byTestSet.values().stream().flatMap(List::stream).map(MetricRow::bin).distinct()
                    .sorted(Comparator.comparingDouble(AccuracyVersusSimilarity::midpoint)).toList();
            YIntervalSeriesCollection dataset = new YIntervalSeriesCollection();
            List<List<Long>> countsBySeries = new ArrayList<>();
            byTestSet.forEach((testSet, own) -> {
                YIntervalSeries series = new YIntervalSeries(testSet, false, true);
                List<MetricRow> ordered = own.stream().sorted(Comparator.comparingInt(r -> bins.indexOf(r.bin()))).toList();
                ordered.forEach(r -> series.add(bins.indexOf(r.bin()), r.value(), r.ciLow(), r.ciHigh()));
                countsBySeries.add(ordered.stream().map(MetricRow::n).toList());
                dataset.addSeries(series);
            });
            SymbolAxis similarity = new SymbolAxis("1-NN cosine similarity to the training data (bin)", bins.toArray(String[]::new));
            NumberAxis accuracy = new NumberAxis("top-1 accuracy");
            accuracy.setRange(0, 1.05);
            XYErrorRenderer renderer = new XYErrorRenderer();
            renderer.setDefaultLinesVisible(true);
            renderer.setDrawXError(false);
            renderer.setDefaultItemLabelGenerator((data, series, item) -> "n=" + countsBySeries.get(series).get(item));
            renderer.setDefaultItemLabelsVisible(true);
            JFreeChart chart = new JFreeChart(model, JFreeChart.DEFAULT_TITLE_FONT, new XYPlot(dataset, similarity, accuracy,
                    renderer), true);
            figures.add(new Figure("accuracy_vs_similarity-" + model, "Accuracy vs similarity: " + model,
                    "Top-1 accuracy of " + model + " per bin of each test point's 1-NN similarity to the model's training"
                            + " data (bins: quantiles of all test points), one line per test set; bars are 95 % Wilson"
                            + " intervals; n is the number of the test set's points in the bin.", chart));
        }
        return figures;
    }

    /** The centre of a bin label "[low,high)" or "[low,high]". */
    public static double midpoint(String bin) {
        Matcher m = BIN.matcher(bin);
        if (!m.matches()) {
            throw new IllegalArgumentException("similarity bin '" + bin + "' is not [low,high) or [low,high]");
        }
        return (Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2))) / 2;
    }
}
