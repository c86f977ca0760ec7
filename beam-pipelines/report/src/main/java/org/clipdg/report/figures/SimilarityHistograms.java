package org.clipdg.report.figures;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.DoubleStream;
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

    /** A test set's 1-NN similarities: to the pool, and to the reference set where there is one. */
    private record Nearest(List<Double> pool, List<Double> reference) {}

    public static List<Figure> of(Path testNeighbours) throws IOException {
        Map<String, Nearest> byTestSet = new TreeMap<>();
        AvroRecordFile.forEach(testNeighbours, TestPointSimilarity.class, point -> {
            Nearest nearest = byTestSet.computeIfAbsent(point.getTestSet(), t -> new Nearest(new ArrayList<>(), new ArrayList<>()));
            if (!point.getNeighbours().isEmpty()) {
                nearest.pool().add((double) point.getNeighbours().get(0).getSimilarity());
            }
            if (point.getReferenceSimilarity() != null) {
                nearest.reference().add((double) point.getReferenceSimilarity());
            }
        });
        List<Figure> figures = new ArrayList<>();
        byTestSet.forEach((testSet, nearest) -> {
            double[] pool = nearest.pool().stream().mapToDouble(Double::doubleValue).toArray();
            double[] reference = nearest.reference().stream().mapToDouble(Double::doubleValue).toArray();
            if (pool.length == 0) {
                return;
            }
            double low = DoubleStream.concat(Arrays.stream(pool), Arrays.stream(reference)).min().orElseThrow();
            double high = DoubleStream.concat(Arrays.stream(pool), Arrays.stream(reference)).max().orElseThrow();
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
                    "Each point of " + testSet + " (" + pool.length + "): its highest cosine similarity to the training pool"
                            + " and to the reference set, in the similarity model's space. Pool samples closer to a test"
                            + " point than t(q) are the ones similarity-matched pruning removes.", chart, 640, 340));
        });
        return figures;
    }
}
