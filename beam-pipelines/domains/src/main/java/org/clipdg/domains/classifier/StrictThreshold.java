package org.clipdg.domains.classifier;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;

/**
 * The strict threshold of one class (STUDY.md): the smallest threshold t on p(class) whose
 * precision, over the held-out samples with p(class) >= t, reaches the target. Candidates are the
 * scores themselves; samples with equal scores are always on the same side of a threshold.
 */
public final class StrictThreshold {
    /** The chosen threshold, the precision it reaches and how many held-out samples pass it. */
    public record Choice(double threshold, double precision, int passing) {}

    /** No threshold reaches the target: the best precision any threshold reaches, for the message. */
    public static final class UnreachableTarget extends IllegalArgumentException {
        UnreachableTarget(String message) {
            super(message);
        }
    }

    private StrictThreshold() {}

    /**
     * @param scores   p(class) of each held-out sample
     * @param positive whether each sample's true label is the class
     * @param what     names the class and split in the error
     */
    public static Choice select(float[] scores, boolean[] positive, double target, String what) {
        Integer[] order = new Integer[scores.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        Choice smallest = null;
        double bestPrecision = 0;
        double bestThreshold = Double.NaN;
        int correct = 0;
        for (int n = 0; n < order.length; n++) {
            correct += positive[order[n]] ? 1 : 0;
            boolean lastOfScore = n + 1 == order.length || scores[order[n + 1]] != scores[order[n]];
            if (!lastOfScore) {
                continue;
            }
            double precision = (double) correct / (n + 1);
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
