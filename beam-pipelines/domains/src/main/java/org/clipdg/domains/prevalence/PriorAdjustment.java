package org.clipdg.domains.prevalence;

import java.util.Arrays;

/**
 * The class prevalence of unlabelled samples from a classifier's posteriors, by the EM of Saerens,
 * Latinne & Decaestecker (2002), "Adjusting the outputs of a classifier to new a priori
 * probabilities": each posterior, learned under the source prior, is rescaled by the ratio of the
 * current prior estimate to the source prior and renormalised; the next estimate is the mean of the
 * rescaled posteriors. Each step raises the samples' likelihood, which is concave in the prior, so
 * the estimate converges to its maximum.
 */
public final class PriorAdjustment {
    /** Largest change of any class's prior at which the estimate counts as settled. */
    static final double TOLERANCE = 1e-9;
    static final int MAX_ITERATIONS = 10_000;

    private final float[] posteriors;
    private final double[] sourcePrior;
    private final int classes;

    /**
     * @param posteriors  row-major, one row of class probabilities per sample
     * @param sourcePrior the class prior the classifier was trained under, every entry > 0
     */
    public PriorAdjustment(float[] posteriors, double[] sourcePrior) {
        this.classes = sourcePrior.length;
        if (classes == 0 || posteriors.length == 0 || posteriors.length % classes != 0) {
            throw new IllegalArgumentException(posteriors.length + " posteriors are no whole number of rows of " + classes
                    + " classes, or none");
        }
        for (double prior : sourcePrior) {
            if (!(prior > 0)) {
                throw new IllegalArgumentException("every class needs a positive source prior, got " + Arrays.toString(sourcePrior));
            }
        }
        for (int i = 0; i < posteriors.length; i += classes) {
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                if (!(posteriors[i + c] >= 0)) {
                    throw new IllegalArgumentException("sample " + i / classes + " has posterior " + posteriors[i + c]);
                }
                sum += posteriors[i + c];
            }
            if (sum == 0) {
                throw new IllegalArgumentException("sample " + i / classes + " has no positive posterior");
            }
        }
        this.posteriors = posteriors;
        this.sourcePrior = sourcePrior.clone();
    }

    public int samples() {
        return posteriors.length / classes;
    }

    /** The prior of all samples, starting from the source prior. */
    public double[] estimate() {
        int[] once = new int[samples()];
        Arrays.fill(once, 1);
        return estimate(once, sourcePrior);
    }

    /**
     * The prior of the samples, each counted {@code multiplicity[i]} times (a bootstrap resample),
     * starting from {@code start}.
     */
    double[] estimate(int[] multiplicity, double[] start) {
        double[] prior = start.clone();
        double[] ratio = new double[classes];
        double[] next = new double[classes];
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            for (int c = 0; c < classes; c++) {
                ratio[c] = prior[c] / sourcePrior[c];
            }
            Arrays.fill(next, 0);
            long counted = 0;
            for (int i = 0, row = 0; row < multiplicity.length; row++, i += classes) {
                if (multiplicity[row] == 0) {
                    continue;
                }
                double norm = 0;
                for (int c = 0; c < classes; c++) {
                    norm += posteriors[i + c] * ratio[c];
                }
                if (norm == 0) {
                    // Probable only in classes whose prior has vanished (underflow): it says nothing of the others.
                    continue;
                }
                counted += multiplicity[row];
                double share = multiplicity[row] / norm;
                for (int c = 0; c < classes; c++) {
                    next[c] += posteriors[i + c] * ratio[c] * share;
                }
            }
            double change = 0;
            for (int c = 0; c < classes; c++) {
                next[c] /= counted;
                change = Math.max(change, Math.abs(next[c] - prior[c]));
            }
            double[] previous = prior;
            prior = next;
            next = previous;
            if (change < TOLERANCE) {
                break;
            }
        }
        return prior;
    }
}
