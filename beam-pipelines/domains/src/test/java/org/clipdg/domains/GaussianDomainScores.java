package org.clipdg.domains;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The outputs of a calibrated domain classifier on samples of a known class mix: each class's latent
 * score is normal with unit variance, class c centred at {@code c * SEPARATION / (classes - 1)}, and
 * the classifier gives the Bayes posterior at its training prior, as one trained at that mix would.
 */
public final class GaussianDomainScores {
    public static final double SEPARATION = 3;

    /** Each sample's true class and its row of class probabilities (row-major), in a shuffled order. */
    public record Drawn(int[] truth, float[] posteriors, int classes) {
        public float probability(int sample, int c) {
            return posteriors[sample * classes + c];
        }
    }

    private GaussianDomainScores() {}

    /** @param counts samples of each class; trainingPrior the prior of the classifier's training data */
    public static Drawn draw(int[] counts, double[] trainingPrior, Random random) {
        int classes = counts.length;
        List<Integer> truth = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            truth.addAll(Collections.nCopies(counts[c], c));
        }
        Collections.shuffle(truth, random);
        float[] posteriors = new float[truth.size() * classes];
        double[] density = new double[classes];
        for (int i = 0; i < truth.size(); i++) {
            double score = centre(truth.get(i), classes) + random.nextGaussian();
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                double distance = score - centre(c, classes);
                density[c] = trainingPrior[c] * Math.exp(-distance * distance / 2);
                sum += density[c];
            }
            for (int c = 0; c < classes; c++) {
                posteriors[i * classes + c] = (float) (density[c] / sum);
            }
        }
        return new Drawn(truth.stream().mapToInt(Integer::intValue).toArray(), posteriors, classes);
    }

    private static double centre(int c, int classes) {
        return c * SEPARATION / (classes - 1);
    }
}
