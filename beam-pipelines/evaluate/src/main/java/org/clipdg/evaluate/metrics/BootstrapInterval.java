package org.clipdg.evaluate.metrics;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.clipdg.core.metrics.Interval;

/**
 * Percentile bootstrap intervals for accuracies (means of 0/1 outcomes) and for the difference of two accuracies.
 *
 * <p>Each of the B resamples draws every group independently with replacement at its own size; the interval is
 * {@code [Q(alpha/2), Q(1 - alpha/2)]} with {@code alpha = 1 - confidence}, where Q is the type-7 quantile of the B
 * sorted resampled statistics: at {@code h = (B - 1) q} it interpolates linearly between the sorted statistics at
 * {@code floor(h)} and {@code floor(h) + 1} (no (B + 1) correction). All draws come from one
 * {@link SplittableRandom} seeded with the given seed, so a seed fixes the result.
 */
public final class BootstrapInterval {
    private BootstrapInterval() {}

    /**
     * A point estimate on the full sample with its bootstrap interval.
     *
     * @param point the statistic on the observed data
     * @param interval the percentile bootstrap interval
     */
    public record Estimate(double point, Interval interval) {}

    /**
     * The bootstrap interval of a group's accuracy.
     *
     * @param outcomes one 0/1 outcome (correct or not) per item; not empty
     * @param resamples B, at least 1
     * @param confidence in (0, 1), e.g. 0.95
     * @param seed seeds the resampling
     * @throws IllegalArgumentException if the group is empty, resamples < 1 or confidence is outside (0, 1)
     */
    public static Estimate ofMean(boolean[] outcomes, int resamples, double confidence, long seed) {
        requireNotEmpty(outcomes, "group");
        requireValid(resamples, confidence);
        SplittableRandom random = new SplittableRandom(seed);
        double[] statistics = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            statistics[b] = resampledMean(outcomes, random);
        }
        return new Estimate(mean(outcomes), percentileInterval(statistics, confidence));
    }

    /**
     * The bootstrap interval of {@code acc(common) - acc(counter)}, the accuracy drop from common to counter
     * examples. In each resample the common group is drawn first, then the counter group.
     *
     * @param common 0/1 outcomes of the common group; not empty
     * @param counter 0/1 outcomes of the counter group; not empty
     * @param resamples B, at least 1
     * @param confidence in (0, 1), e.g. 0.95
     * @param seed seeds the resampling
     * @throws IllegalArgumentException naming the group if a group is empty; if resamples < 1 or confidence is
     *     outside (0, 1)
     */
    public static Estimate ofDifference(
            boolean[] common, boolean[] counter, int resamples, double confidence, long seed) {
        requireNotEmpty(common, "common group");
        requireNotEmpty(counter, "counter group");
        requireValid(resamples, confidence);
        SplittableRandom random = new SplittableRandom(seed);
        double[] statistics = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            double commonMean = resampledMean(common, random);
            statistics[b] = commonMean - resampledMean(counter, random);
        }
        return new Estimate(mean(common) - mean(counter), percentileInterval(statistics, confidence));
    }

    private static void requireNotEmpty(boolean[] outcomes, String name) {
        if (outcomes.length == 0) {
            throw new IllegalArgumentException(name + " is empty");
        }
    }

    private static void requireValid(int resamples, double confidence) {
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be at least 1, got " + resamples);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
    }

    private static double resampledMean(boolean[] outcomes, SplittableRandom random) {
        int n = outcomes.length;
        long correct = 0;
        for (int i = 0; i < n; i++) {
            if (outcomes[random.nextInt(n)]) {
                correct++;
            }
        }
        return (double) correct / n;
    }

    private static double mean(boolean[] outcomes) {
        long correct = 0;
        for (boolean outcome : outcomes) {
            if (outcome) {
                correct++;
            }
        }
        return (double) correct / outcomes.length;
    }

    private static Interval percentileInterval(double[] statistics, double confidence) {
        Arrays.sort(statistics);
        double alpha = 1 - confidence;
        return new Interval(Quantiles.type7(statistics, alpha / 2), Quantiles.type7(statistics, 1 - alpha / 2));
    }
}
