package org.clipdg.evaluate.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.clipdg.core.metrics.Interval;
import org.clipdg.core.metrics.WilsonInterval;

/**
 * Accuracy versus similarity: test points binned by a similarity (e.g. their 1-NN cosine similarity to the training
 * pool), with count, accuracy and a Wilson interval per bin.
 *
 * <p>With edges {@code e_0 < ... < e_m}, bin i holds the values in {@code [e_i, e_{i+1})}, and the last bin is closed
 * on the right, {@code [e_{m-1}, e_m]}. With fixed edges, values below {@code e_0} or above {@code e_m} fall in no bin
 * and are counted apart; with quantile edges the edges span the values, so none fall outside.
 */
public final class SimilarityBins {
    /** The confidence level of every bin's Wilson interval. */
    public static final double CONFIDENCE = 0.95;

    /**
     * One bin.
     *
     * @param lower its lower edge, included
     * @param upper its upper edge, excluded except for the last bin
     * @param count the values in the bin
     * @param correct the values in the bin whose point was classified correctly
     * @param accuracy {@code correct / count}; NaN for an empty bin
     * @param interval the Wilson interval of the accuracy at {@link #CONFIDENCE}; {@code [0, 1]} for an empty bin,
     *     which says nothing about the accuracy
     */
    public record Bin(double lower, double upper, int count, int correct, double accuracy, Interval interval) {}

    private final List<Bin> bins;
    private final int belowFirstEdge;
    private final int aboveLastEdge;

    private SimilarityBins(List<Bin> bins, int belowFirstEdge, int aboveLastEdge) {
        this.bins = bins;
        this.belowFirstEdge = belowFirstEdge;
        this.aboveLastEdge = aboveLastEdge;
    }

    /**
     * Bins with fixed edges.
     *
     * @param edges at least two, strictly increasing, not NaN
     * @param similarity one finite value per point
     * @param correct whether each point was classified correctly; same length as similarity
     * @throws IllegalArgumentException if the edges are fewer than two, not strictly increasing or NaN, or the inputs
     *     disagree in length or hold a non-finite similarity
     */
    public static SimilarityBins withEdges(double[] edges, double[] similarity, boolean[] correct) {
        requireSameLengthAndFinite(similarity, correct);
        if (edges.length < 2) {
            throw new IllegalArgumentException("need at least two bin edges, got " + edges.length);
        }
        for (int i = 0; i < edges.length; i++) {
            if (Double.isNaN(edges[i]) || (i > 0 && !(edges[i - 1] < edges[i]))) {
                throw new IllegalArgumentException("bin edges must be strictly increasing, got "
                        + Arrays.toString(edges));
            }
        }
        return count(edges.clone(), similarity, correct);
    }

    /**
     * Bins with edges at the type-7 empirical quantiles {@code 0, 1/q, ..., 1} of the similarities (so the first edge
     * is the minimum and the last the maximum). Equal edges are collapsed, so heavy ties give fewer than q bins; if
     * all values are equal there is one bin {@code [v, v]}.
     *
     * @param q the number of bins before collapsing, at least 1
     * @param similarity one finite value per point; not empty
     * @param correct whether each point was classified correctly; same length as similarity
     * @throws IllegalArgumentException if q < 1, there are no values, or the inputs disagree in length or hold a
     *     non-finite similarity
     */
    public static SimilarityBins byQuantile(int q, double[] similarity, boolean[] correct) {
        requireSameLengthAndFinite(similarity, correct);
        if (q < 1) {
            throw new IllegalArgumentException("need at least one bin, got " + q);
        }
        if (similarity.length == 0) {
            throw new IllegalArgumentException("quantile bins need at least one value");
        }
        double[] sorted = similarity.clone();
        Arrays.sort(sorted);
        double[] edges = new double[q + 1];
        int distinct = 0;
        for (int i = 0; i <= q; i++) {
            double edge = Quantiles.type7(sorted, (double) i / q);
            if (distinct == 0 || edge != edges[distinct - 1]) {
                edges[distinct++] = edge;
            }
        }
        return count(Arrays.copyOf(edges, distinct), similarity, correct);
    }

    /** The bins in increasing order of similarity. */
    public List<Bin> bins() {
        return bins;
    }

    /** The number of values below the first edge (only with fixed edges). */
    public int belowFirstEdge() {
        return belowFirstEdge;
    }

    /** The number of values above the last edge (only with fixed edges). */
    public int aboveLastEdge() {
        return aboveLastEdge;
    }

    private static void requireSameLengthAndFinite(double[] similarity, boolean[] correct) {
        if (similarity.length != correct.length) {
            throw new IllegalArgumentException(similarity.length + " similarities but " + correct.length
                    + " correctness flags");
        }
        for (int i = 0; i < similarity.length; i++) {
            if (!Double.isFinite(similarity[i])) {
                throw new IllegalArgumentException("similarity " + i + " is not finite: " + similarity[i]);
            }
        }
    }

    /** Counts into the bins between strictly increasing edges; a single edge v stands for the one bin [v, v]. */
    private static SimilarityBins count(double[] edges, double[] similarity, boolean[] correct) {
        int binCount = Math.max(edges.length - 1, 1);
        int[] counts = new int[binCount];
        int[] corrects = new int[binCount];
        int below = 0;
        int above = 0;
        for (int i = 0; i < similarity.length; i++) {
            double value = similarity[i];
            if (value < edges[0]) {
                below++;
            } else if (value > edges[edges.length - 1]) {
                above++;
            } else {
                int bin = binOf(edges, binCount, value);
                counts[bin]++;
                if (correct[i]) {
                    corrects[bin]++;
                }
            }
        }
        List<Bin> bins = new ArrayList<>(binCount);
        for (int b = 0; b < binCount; b++) {
            double upper = edges[Math.min(b + 1, edges.length - 1)];
            if (counts[b] == 0) {
                bins.add(new Bin(edges[b], upper, 0, 0, Double.NaN, new Interval(0, 1)));
            } else {
                bins.add(new Bin(edges[b], upper, counts[b], corrects[b], (double) corrects[b] / counts[b],
                        WilsonInterval.of(corrects[b], counts[b], CONFIDENCE)));
            }
        }
        return new SimilarityBins(List.copyOf(bins), below, above);
    }

    /** The last bin i with {@code edges[i] <= value}, for a value within [first edge, last edge]. */
    private static int binOf(double[] edges, int binCount, double value) {
        // Primitive comparisons rather than Arrays.binarySearch, which orders -0.0 before 0.0.
        int low = 0;
        int high = binCount - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (edges[mid] <= value) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }
}
