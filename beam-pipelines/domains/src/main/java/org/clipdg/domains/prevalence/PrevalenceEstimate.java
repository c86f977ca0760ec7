package org.clipdg.domains.prevalence;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The EM prevalence of a set of samples ({@link PriorAdjustment}) with a percentile bootstrap
 * interval: the estimate again on resamples of the samples drawn with replacement, each resample
 * from its own generator seeded in turn from {@code seed}, so the interval is the same for the same
 * seed whatever the number of threads. The interval covers the sampling of the pool only, not that
 * of the labelled data the classifier and its source prior come from.
 *
 * @param prevalence each class's share, in the order of the classifier's classes
 * @param low        lower bounds of the {@link #CONFIDENCE} interval
 * @param high       upper bounds
 */
public record PrevalenceEstimate(double[] prevalence, double[] low, double[] high, int resamples, long seed) {
    public static final double CONFIDENCE = 0.95;

    public static PrevalenceEstimate of(PriorAdjustment adjustment, int resamples, long seed) {
        if (resamples < 2) {
            throw new IllegalArgumentException("a bootstrap interval needs at least 2 resamples, got " + resamples);
        }
        double[] point = adjustment.estimate();
        SplittableRandom seeds = new SplittableRandom(seed);
        long[] resampleSeeds = seeds.longs(resamples).toArray();
        double[][] estimates = IntStream.range(0, resamples).parallel()
                .mapToObj(b -> adjustment.estimate(resample(adjustment.samples(), new SplittableRandom(resampleSeeds[b])), point))
                .toArray(double[][]::new);
        double[] low = new double[point.length];
        double[] high = new double[point.length];
        for (int c = 0; c < point.length; c++) {
            int column = c;
            double[] sorted = Arrays.stream(estimates).mapToDouble(estimate -> estimate[column]).sorted().toArray();
            low[c] = quantile(sorted, (1 - CONFIDENCE) / 2);
            high[c] = quantile(sorted, (1 + CONFIDENCE) / 2);
        }
        return new PrevalenceEstimate(point, low, high, resamples, seed);
    }

    /** How often each of {@code samples} is drawn in {@code samples} draws with replacement. */
    private static int[] resample(int samples, SplittableRandom random) {
        int[] multiplicity = new int[samples];
        for (int n = 0; n < samples; n++) {
            multiplicity[random.nextInt(samples)]++;
        }
        return multiplicity;
    }

    /** The q-quantile of sorted values, interpolated linearly between order statistics. */
    private static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
