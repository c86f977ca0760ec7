package org.clipdg.domains.classifier;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;

/**
 * The strict threshold of one class (docs/science.md): the smallest threshold t on p(class) whose
 * precision, over the held-out samples with p(class) >= t, reaches the target. Candidates are the
 * scores themselves; samples with equal scores are always on the same side of a threshold. Samples
 * may be weighted, so that the precision is the one expected at another class mix.
 */
public final class StrictThreshold {
    /** The chosen threshold, the (weighted) precision it reaches and how many held-out samples pass it. */
    public record Choice(double threshold, double precision, int passing) {}

    /** No threshold reaches the target: the best precision any threshold reaches, for the message. */
    public static final class UnreachableTarget extends IllegalArgumentException {
        UnreachableTarget(String message) {
            super(message);
        }
    }

    private StrictThreshold() {}

    /** {@link #select(float[], boolean[], double[], double, String)} with every sample of weight 1. */
    public static Choice select(float[] scores, boolean[] positive, double target, String what) {
        double[] unit = new double[scores.length];
        Arrays.fill(unit, 1);
        return select(scores, positive, unit, target, what);
    }

    /**
     * The precision of a threshold is the weighted share of positives among the samples passing it:
     * with importance weights {@code w(y) = prior_target(y) / prior_held_out(y)} it is the precision
     * expected at the target's class mix.
     *
     * @param scores   p(class) of each held-out sample
     * @param positive whether each sample's true label is the class
     * @param weights  each sample's weight, >= 0
     * @param what     names the class and split in the error
     */
    public static Choice select(float[] scores, boolean[] positive, double[] weights, double target, String what) {
        Integer[] order = new Integer[scores.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        Choice smallest = null;
        double bestPrecision = 0;
        double bestThreshold = Double.NaN;
        double correct = 0;
        double passing = 0;
        for (int n = 0; n < order.length; n++) {
            correct += positive[order[n]] ? weights[order[n]] : 0;
            passing += weights[order[n]];
            boolean lastOfScore = n + 1 == order.length || scores[order[n + 1]] != scores[order[n]];
            if (!lastOfScore || passing == 0) {
                continue;
            }
            double precision = correct / passing;
            if (precision >= target) {
                smallest = new Choice(scores[order[n]], precision, n + 1);
            }
            if (precision > bestPrecision) {
                bestPrecision = precision;
                bestThreshold = scores[order[n]];
            }
        }
        if (smallest == null) {
            throw new UnreachableTarget(String.format(Locale.ROOT, "%s: no threshold reaches precision %.4f (%d samples, %d of them"
                            + " positive; best precision %.4f at threshold %.6f). Lower the target precision, add labelled data, or use"
                            + " embeddings that separate the domains (a stronger similarity model).",
                    what, target, scores.length, count(positive), bestPrecision, bestThreshold));
        }
        return smallest;
    }

    private static int count(boolean[] values) {
        int n = 0;
        for (boolean value : values) {
            n += value ? 1 : 0;
        }
        return n;
    }
}
