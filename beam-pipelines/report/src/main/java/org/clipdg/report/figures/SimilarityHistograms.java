package org.clipdg.report.figures;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.clipdg.core.AvroRecordFile;
import org.clipdg.schema.TestPointSimilarity;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.statistics.HistogramDataset;

/**
 * Per test set, the distribution of each test point's 1-NN similarity to the pool against its
 * 1-NN similarity to the reference set, t(q) (similarity/test_neighbours.avro): where the pool
 * curve lies right of the reference curve, the pool holds closer neighbours than the reference.
 */
public final class SimilarityHistograms {
    private static final int BINS = 30;

    private SimilarityHistograms() {}

    public static List<Figure> of(Path testNeighbours) throws IOException {
        Map<String, List<double[]>> byTestSet = new TreeMap<>();
        AvroRecordFile.forEach(testNeighbours, TestPointSimilarity.class, point -> byTestSet
                .computeIfAbsent(point.getTestSet(), t -> new ArrayList<>())
                .add(new double[] {point.getNeighbours().isEmpty() ? Double.NaN : point.getNeighbours().get(0).getSimilarity(),
                        point.getReferenceSimilarity() == null ? Double.NaN : point.getReferenceSimilarity()}));
        List<Figure> figures = new ArrayList<>();
        byTestSet.forEach((testSet, points) -> {
            double[] pool = points.stream().mapToDouble(p -> p[0]).filter(v -> !Double.isNaN(v)).toArray();
            double[] reference = points.stream().mapToDouble(p -> p[1]).filter(v -> !Double.isNaN(v)).toArray();
            if (pool.length == 0) {
                return;
            }
            double low = Math.min(min(pool), reference.length == 0 ? 1 : min(reference));
            double high = Math.max(max(pool), reference.length == 0 ? -1 : max(reference));
            if (high <= low) {
                high = low + 1e-6;
            }
            HistogramDataset dataset = new HistogramDataset();
            dataset.addSeries("to the pool (1-NN)", pool, BINS, low, high);
            if (reference.length > 0) {
                dataset.addSeries("to the reference set, t(q)", reference, BINS, low, high);
            }
            JFreeChart chart = ChartFactory.createHistogram(null, "cosine similarity", "test points", dataset,
                    PlotOrientation.VERTICAL, true, true, false);
            chart.getXYPlot().getDomainAxis().setRange(low, high);
            chart.getXYPlot().setForegroundAlpha(0.6f);
            figures.add(new Figure("similarity_histogram-" + testSet, "Nearest-neighbour similarity: " + testSet,
                    "Each point of " + testSet + " (" + points.size() + "): its highest cosine similarity to the training pool"
                            + " and to the reference set, in the similarity model's space. Pool samples closer to a test"
                            + " point than t(q) are the ones similarity-matched pruning removes.", chart, 640, 340));
        });
        return figures;
    }

    private static double min(double[] values) {
        return java.util.Arrays.stream(values).min().orElse(0);
    }

    private static double max(double[] values) {
        return java.util.Arrays.stream(values).max().orElse(1);
    }
}
