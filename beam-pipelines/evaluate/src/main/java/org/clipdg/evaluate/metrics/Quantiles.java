package org.clipdg.evaluate.metrics;

/** Empirical quantiles shared by the bootstrap and the quantile similarity bins. */
final class Quantiles {
    private Quantiles() {}

    /**
     * The type-7 quantile (Hyndman and Fan 1996; R's default, NumPy's "linear") of sorted finite values: with
     * {@code h = (n - 1) p} and {@code j = floor(h)}, {@code x[j] + (h - j)(x[j + 1] - x[j])}. So p = 0 gives the
     * minimum and p = 1 the maximum.
     *
     * @param sorted ascending, at least one value
     * @param p in [0, 1]
     */
    static double type7(double[] sorted, double p) {
        int last = sorted.length - 1;
        double h = last * p;
        int j = (int) Math.floor(h);
        if (j >= last) {
            return sorted[last];
        }
        double below = sorted[j];
        double above = sorted[j + 1];
        // Rounding must not carry the value past its right neighbour, or quantiles could decrease as p grows.
        return Math.min(below + (h - j) * (above - below), above);
    }
}
