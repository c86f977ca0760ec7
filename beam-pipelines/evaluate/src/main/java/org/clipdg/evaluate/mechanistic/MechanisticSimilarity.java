package org.clipdg.evaluate.mechanistic;

import java.util.ArrayList;
import java.util.List;
import org.clipdg.core.metrics.MetricRow;
import org.clipdg.evaluate.EvaluatedModel;
import org.clipdg.evaluate.metrics.LinearCka;
import org.clipdg.evaluate.metrics.NeuronOverlap;

/**
 * How alike the model represents two domains, per block (docs/science.md, "Evaluation"): linear CKA (unbiased
 * HSIC) between the two domains' class-mean activation matrices over the classes both hold, and the
 * neuron overlap: the Jaccard index of the top 10 % units of each domain's average class-mean
 * activation. Rows pool every test set ({@code test_set} "*"), name the pair as
 * {@code domain} "a|b" (a before b) and the block in the metric ({@code cka_block_0},
 * {@code neuron_overlap_block_0}); {@code n} is the number of shared classes.
 */
public final class MechanisticSimilarity {
    /** Fewer shared classes than this leave CKA undefined (the unbiased estimator needs n >= 4). */
    static final int MIN_CKA_CLASSES = 4;

    private MechanisticSimilarity() {}

    public static List<MetricRow> of(EvaluatedModel model, DomainClassMeans means) {
        List<MetricRow> rows = new ArrayList<>();
        List<String> domains = List.copyOf(means.domains());
        for (int i = 0; i < domains.size(); i++) {
            for (int j = i + 1; j < domains.size(); j++) {
                String a = domains.get(i);
                String b = domains.get(j);
                List<String> shared = means.sharedClasses(a, b);
                if (shared.isEmpty()) {
                    continue;
                }
                for (int block = 0; block < means.blocks().size(); block++) {
                    String name = means.blocks().get(block);
                    double[][] ofA = means.classMeans(a, block, shared);
                    double[][] ofB = means.classMeans(b, block, shared);
                    if (shared.size() >= MIN_CKA_CLASSES) {
                        rows.add(row(model, a, b, "cka_" + name, LinearCka.of(ofA, ofB), shared.size()));
                    }
                    double overlap = NeuronOverlap.jaccard(averageOfRows(ofA), averageOfRows(ofB));
                    rows.add(row(model, a, b, "neuron_overlap_" + name, overlap, shared.size()));
                }
            }
        }
        return rows;
    }

    /** The mean of class-mean rows: every class weighs the same. */
    private static double[] averageOfRows(double[][] classMeans) {
        double[] average = new double[classMeans[0].length];
        for (double[] mean : classMeans) {
            for (int u = 0; u < average.length; u++) {
                average[u] += mean[u] / classMeans.length;
            }
        }
        return average;
    }

    private static MetricRow row(EvaluatedModel model, String a, String b, String metric, double value, int classes) {
        return model.row("*", a + "|" + b, "", "", metric, value, classes,
                Double.NaN, Double.NaN);
    }
}
