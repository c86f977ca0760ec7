package org.clipdg.evaluate.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Neuron overlap between two domains in one layer: the Jaccard index of the sets of their most active units.
 *
 * <p>The top set of an activation vector of length u holds {@code ceil(fraction * u)} units (at least 1), those
 * with the highest (signed) mean activation, equal activations ordered by unit index, lower first. The product is
 * taken on the fraction's shortest decimal form, so 0.07 of 100 units is 7 units although {@code 0.07 * 100} is
 * 7.000000000000001 in binary floating point.
 */
public final class NeuronOverlap {
    /** The fraction of units in a top set unless told otherwise: the top 10%. */
    public static final double DEFAULT_FRACTION = 0.10;

    private NeuronOverlap() {}

    /** {@link #jaccard(double[], double[], double)} with the top 10% of units. */
    public static double jaccard(double[] a, double[] b) {
        return jaccard(a, b, DEFAULT_FRACTION);
    }

    /**
     * The Jaccard index {@code |A ∩ B| / |A ∪ B|} of the top sets of two activation vectors of the same layer.
     *
     * @param a mean activation per unit in one domain
     * @param b mean activation per unit in the other domain; same length as a
     * @param fraction in (0, 1]
     * @return in [0, 1]; 1 when the top sets are equal
     * @throws IllegalArgumentException if the lengths differ or are 0, an activation is NaN or the fraction is outside
     *     (0, 1]
     */
    public static double jaccard(double[] a, double[] b, double fraction) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("activation vectors differ in length: " + a.length + " and "
                    + b.length);
        }
        int[] topA = topUnits(a, fraction);
        int[] topB = topUnits(b, fraction);
        boolean[] inA = new boolean[a.length];
        for (int unit : topA) {
            inA[unit] = true;
        }
        int intersection = 0;
        for (int unit : topB) {
            if (inA[unit]) {
                intersection++;
            }
        }
        int union = topA.length + topB.length - intersection;
        return (double) intersection / union;
    }

    /**
     * The top set of an activation vector.
     *
     * @param activations mean activation per unit; not empty, no NaN
     * @param fraction in (0, 1]
     * @return the unit indices of the top set, ascending
     * @throws IllegalArgumentException if there are no units, an activation is NaN or the fraction is outside (0, 1]
     */
    public static int[] topUnits(double[] activations, double fraction) {
        int units = activations.length;
        if (units == 0) {
            throw new IllegalArgumentException("no units");
        }
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1], got " + fraction);
        }
        for (int i = 0; i < units; i++) {
            if (Double.isNaN(activations[i])) {
                throw new IllegalArgumentException("activation of unit " + i + " is NaN");
            }
        }
        int size = BigDecimal.valueOf(fraction).multiply(BigDecimal.valueOf(units))
                .setScale(0, RoundingMode.CEILING).intValueExact();
        // Primitive comparisons so that 0.0 and -0.0 count as equal activations and fall back to the unit index.
        int[] top = IntStream.range(0, units).boxed()
                .sorted((i, j) -> activations[i] > activations[j] ? -1
                        : activations[i] < activations[j] ? 1 : Integer.compare(i, j))
                .limit(size)
                .mapToInt(Integer::intValue)
                .toArray();
        Arrays.sort(top);
        return top;
    }
}
