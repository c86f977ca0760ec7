package org.clipdg.evaluate.zeroshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.clipdg.core.metrics.MetricRow;
import org.clipdg.evaluate.EvaluatedModel;
import org.clipdg.evaluate.metrics.SimilarityBins;

/**
 * Accuracy versus 1-NN similarity to the training pool (docs/science.md): top-1 accuracy, count and 95 %
 * Wilson interval per similarity bin, per test set. Bins are shared by every test set so their
 * curves can be compared: fixed edges, or quantiles of all test points' similarities together.
 * Rows carry the bin as {@code [lower,upper)}; metric {@code top1} per bin, and per test set
 * {@code points_beyond_top_k} for points with no similarity (none of their k neighbours in the split).
 */
public final class SimilarityAccuracy {
    /** {@code quantile:Q} or comma-separated fixed edges. */
    public record Binning(int quantiles, double[] edges) {
        public static Binning parse(String spec) {
            String text = spec.trim();
            if (text.startsWith("quantile:")) {
                int q = Integer.parseInt(text.substring("quantile:".length()).trim());
                if (q < 1) {
                    throw new IllegalArgumentException("--bins " + spec + ": at least one quantile bin");
                }
                return new Binning(q, null);
            }
            try {
                return new Binning(0, Arrays.stream(text.split(",")).map(String::trim).mapToDouble(Double::parseDouble).toArray());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--bins " + spec + ": 'quantile:Q' or comma-separated edges, e.g. 0.5,0.7,0.9,1.0");
            }
        }
    }

    private SimilarityAccuracy() {}

    public static List<MetricRow> of(EvaluatedModel model, List<TestSetPredictions> tests, Map<String, double[]> similarity,
            Binning binning) {
        double[] edges = binning.edges() != null ? binning.edges() : pooledQuantileEdges(tests, similarity, binning.quantiles());
        List<MetricRow> rows = new ArrayList<>();
        for (TestSetPredictions test : tests) {
            double[] values = similarity.get(test.testSet());
            List<Double> known = new ArrayList<>();
            List<Boolean> correct = new ArrayList<>();
            for (int r = 0; r < test.size(); r++) {
                if (!Double.isNaN(values[r])) {
                    known.add(values[r]);
                    correct.add(test.correctAt(r, 1));
                }
            }
            if (known.size() < test.size()) {
                rows.add(model.row(test.testSet(), "", "", "",
                        "points_beyond_top_k", test.size() - known.size(), test.size(), Double.NaN, Double.NaN));
            }
            if (edges.length < 2 || known.isEmpty()) {
                continue;
            }
            boolean[] flags = new boolean[correct.size()];
            for (int i = 0; i < flags.length; i++) {
                flags[i] = correct.get(i);
            }
            SimilarityBins bins = SimilarityBins.withEdges(edges, known.stream().mapToDouble(Double::doubleValue).toArray(), flags);
            for (SimilarityBins.Bin bin : bins.bins()) {
                if (bin.count() == 0) {
                    continue;
                }
                String label = String.format(Locale.ROOT, "[%.4f,%.4f%s", bin.lower(), bin.upper(),
                        bin.upper() == edges[edges.length - 1] ? "]" : ")");
                rows.add(model.row(test.testSet(), "", "", label, "top1",
                        bin.accuracy(), bin.count(), bin.interval().low(), bin.interval().high()));
            }
        }
        return rows;
    }

    private static double[] pooledQuantileEdges(List<TestSetPredictions> tests, Map<String, double[]> similarity, int q) {
        double[] all = tests.stream().flatMapToDouble(t -> Arrays.stream(similarity.get(t.testSet())))
                .filter(v -> !Double.isNaN(v)).toArray();
        if (all.length == 0) {
            return new double[0];
        }
        List<SimilarityBins.Bin> bins = SimilarityBins.byQuantile(q, all, new boolean[all.length]).bins();
        if (bins.size() == 1 && bins.get(0).lower() == bins.get(0).upper()) {
            return new double[0]; // every point equally similar: nothing to bin by
        }
        double[] edges = new double[bins.size() + 1];
        for (int i = 0; i < bins.size(); i++) {
            edges[i] = bins.get(i).lower();
        }
        edges[bins.size()] = bins.get(bins.size() - 1).upper();
        return edges;
    }
}
