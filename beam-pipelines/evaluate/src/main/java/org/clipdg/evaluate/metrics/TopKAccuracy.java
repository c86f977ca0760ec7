package org.clipdg.evaluate.metrics;

import java.util.Arrays;

/**
 * Top-k accuracy of a score matrix (e.g. cosine similarities of images to class embeddings), optionally restricted
 * to a subset of classes (a class mask, for test sets that cover only some classes).
 *
 * <p>Tie rule: the rank of the true class t in a row is {@code 1 + #(allowed c with score[c] > score[t]) +
 * #(allowed c with score[c] == score[t] and c < t)}, so equal scores are ordered by class index, lower first. A row
 * is correct at k when that rank is at most k, and the top-1 prediction is the allowed class of rank 1 under the same
 * rule (the lowest-index class among the highest-scoring ones).
 */
public final class TopKAccuracy {
    private final int[] predictions;
    private final int[] ranks;

    private TopKAccuracy(int[] predictions, int[] ranks) {
        this.predictions = predictions;
        this.ranks = ranks;
    }

    /**
     * Ranks over all classes.
     *
     * @see #of(float[], int, int[], boolean[])
     */
    public static TopKAccuracy of(float[] scores, int classes, int[] trueClasses) {
        boolean[] all = new boolean[classes];
        Arrays.fill(all, true);
        return of(scores, classes, trueClasses, all);
    }

    /**
     * Ranks the true class of every row among the allowed classes.
     *
     * @param scores row-major {@code [rows, classes]}; the scores of allowed classes must not be NaN
     * @param classes number of columns, at least 1
     * @param trueClasses the true class index of each row; its length is the number of rows
     * @param classMask {@code classMask[c]} says whether class c may be predicted; length {@code classes}
     * @throws IllegalArgumentException if the shapes disagree, or naming the row if a true class is out of range or
     *     outside the mask, or if an allowed class's score is NaN
     */
    public static TopKAccuracy of(float[] scores, int classes, int[] trueClasses, boolean[] classMask) {
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be at least 1, got " + classes);
        }
        int rows = trueClasses.length;
        if (scores.length != (long) rows * classes) {
            throw new IllegalArgumentException("scores has " + scores.length + " values, expected " + rows
                    + " rows x " + classes + " classes");
        }
        if (classMask.length != classes) {
            throw new IllegalArgumentException("class mask has " + classMask.length + " entries, expected " + classes);
        }
        int[] predictions = new int[rows];
        int[] ranks = new int[rows];
        for (int row = 0; row < rows; row++) {
            int truth = trueClasses[row];
            if (truth < 0 || truth >= classes) {
                throw new IllegalArgumentException("row " + row + ": true class " + truth + " is not in [0, "
                        + classes + ")");
            }
            if (!classMask[truth]) {
                throw new IllegalArgumentException("row " + row + ": true class " + truth
                        + " is outside the class mask");
            }
            int offset = row * classes;
            float trueScore = scores[offset + truth];
            int rank = 1;
            int best = -1;
            for (int c = 0; c < classes; c++) {
                if (!classMask[c]) {
                    continue;
                }
                float score = scores[offset + c];
                if (Float.isNaN(score)) {
                    throw new IllegalArgumentException("row " + row + ": score of class " + c + " is NaN");
                }
                if (score > trueScore || (score == trueScore && c < truth)) {
                    rank++;
                }
                if (best < 0 || score > scores[offset + best]) {
                    best = c;
                }
            }
            predictions[row] = best;
            ranks[row] = rank;
        }
        return new TopKAccuracy(predictions, ranks);
    }

    /** The number of rows. */
    public int rows() {
        return ranks.length;
    }

    /** The top-1 prediction of a row: the highest-scoring allowed class, the lowest index among equal scores. */
    public int prediction(int row) {
        return predictions[row];
    }

    /** The 1-based rank of a row's true class among the allowed classes, ties broken by class index. */
    public int rank(int row) {
        return ranks[row];
    }

    /**
     * The number of rows whose true class is among the k highest-scoring allowed classes (rank at most k).
     *
     * @param k at least 1
     * @throws IllegalArgumentException if k < 1
     */
    public int correctAt(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        int correct = 0;
        for (int rank : ranks) {
            if (rank <= k) {
                correct++;
            }
        }
        return correct;
    }
}
