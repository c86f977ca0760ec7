package org.clipdg.evaluate.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.clipdg.core.metrics.Interval;
import org.junit.jupiter.api.Test;

class BootstrapIntervalTest {
    /** A group of the given size whose first {@code ones} outcomes are 1. */
    private static boolean[] group(int size, int ones) {
        boolean[] outcomes = new boolean[size];
        Arrays.fill(outcomes, 0, ones, true);
        return outcomes;
    }

    private static boolean[] bernoulli(int size, double p, SplittableRandom random) {
        boolean[] outcomes = new boolean[size];
        for (int i = 0; i < size; i++) {
            outcomes[i] = random.nextDouble() < p;
        }
        return outcomes;
    }

    private static double resampledMean(boolean[] outcomes, SplittableRandom random) {
        int ones = 0;
        for (int i = 0; i < outcomes.length; i++) {
            ones += outcomes[random.nextInt(outcomes.length)] ? 1 : 0;
        }
        return ones / (double) outcomes.length;
    }

    private static double meanOf(boolean[] outcomes) {
        int ones = 0;
        for (boolean outcome : outcomes) {
            ones += outcome ? 1 : 0;
        }
        return ones / (double) outcomes.length;
    }

    /** Type-7 quantile written as the weighted mean (1 - g) x[j] + g x[j+1]. */
    private static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int j = (int) h;
        double g = h - j;
        return j + 1 < sorted.length ? (1 - g) * sorted[j] + g * sorted[j + 1] : sorted[j];
    }

    @Test
    void sameSeedSameResult() {
        boolean[] common = bernoulli(60, 0.7, new SplittableRandom(1));
        boolean[] counter = bernoulli(40, 0.5, new SplittableRandom(2));
        assertEquals(BootstrapInterval.ofDifference(common, counter, 500, 0.95, 42),
                BootstrapInterval.ofDifference(common, counter, 500, 0.95, 42));
        assertEquals(BootstrapInterval.ofMean(common, 500, 0.95, 42), BootstrapInterval.ofMean(common, 500, 0.95, 42));
    }

    @Test
    void differenceFollowsTheDocumentedDrawOrderAndQuantileRule() {
        boolean[] common = bernoulli(37, 0.7, new SplittableRandom(3));
        boolean[] counter = bernoulli(23, 0.4, new SplittableRandom(4));
        int resamples = 999;
        SplittableRandom random = new SplittableRandom(7);
        double[] differences = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            double commonMean = resampledMean(common, random);
            differences[b] = commonMean - resampledMean(counter, random);
        }
        Arrays.sort(differences);

        BootstrapInterval.Estimate estimate = BootstrapInterval.ofDifference(common, counter, resamples, 0.90, 7);

        double point = meanOf(common) - meanOf(counter);
        assertEquals(point, estimate.point(), 1e-15);
        assertEquals(quantile(differences, 0.05), estimate.interval().low(), 1e-12);
        assertEquals(quantile(differences, 0.95), estimate.interval().high(), 1e-12);
    }

    @Test
    void meanFollowsTheDocumentedQuantileRule() {
        boolean[] outcomes = group(50, 31);
        SplittableRandom random = new SplittableRandom(11);
        double[] means = new double[1000];
        for (int b = 0; b < means.length; b++) {
            means[b] = resampledMean(outcomes, random);
        }
        Arrays.sort(means);

        BootstrapInterval.Estimate estimate = BootstrapInterval.ofMean(outcomes, 1000, 0.95, 11);

        assertEquals(0.62, estimate.point(), 1e-15);
        assertEquals(quantile(means, 0.025), estimate.interval().low(), 1e-12);
        assertEquals(quantile(means, 0.975), estimate.interval().high(), 1e-12);
    }

    @Test
    void degenerateGroupsGiveDegenerateIntervals() {
        BootstrapInterval.Estimate allCorrect = BootstrapInterval.ofMean(group(25, 25), 200, 0.95, 5);
        assertEquals(new BootstrapInterval.Estimate(1, new Interval(1, 1)), allCorrect);
        BootstrapInterval.Estimate allWrong = BootstrapInterval.ofMean(group(25, 0), 200, 0.95, 5);
        assertEquals(new BootstrapInterval.Estimate(0, new Interval(0, 0)), allWrong);
        BootstrapInterval.Estimate drop = BootstrapInterval.ofDifference(group(9, 9), group(4, 0), 200, 0.95, 5);
        assertEquals(new BootstrapInterval.Estimate(1, new Interval(1, 1)), drop);
    }

    @Test
    void differenceIntervalContainsTheTrueDropAndShrinksLikeOneOverRootN() {
        double previousWidth = Double.NaN;
        for (int n : new int[] {400, 6400}) {
            // Exactly 80% and 60% correct: the true drop is 0.2.
            boolean[] common = group(n, n * 8 / 10);
            boolean[] counter = group(n, n * 6 / 10);
            BootstrapInterval.Estimate estimate = BootstrapInterval.ofDifference(common, counter, 2000, 0.95, n);
            assertEquals(0.2, estimate.point(), 1e-12);
            assertTrue(estimate.interval().contains(0.2), estimate.toString());
            double normalWidth = 2 * 1.959963984540054 * Math.sqrt((0.8 * 0.2 + 0.6 * 0.4) / n);
            assertEquals(normalWidth, estimate.interval().width(), 0.1 * normalWidth, "n = " + n);
            if (n == 6400) {
                // 16 times the items: a quarter of the width.
                assertEquals(0.25, estimate.interval().width() / previousWidth, 0.04);
            }
            previousWidth = estimate.interval().width();
        }
    }

    @Test
    void differenceIntervalCoversTheTrueDropAboutAsOftenAsItsConfidence() {
        int trials = 200;
        int covered = 0;
        for (int t = 0; t < trials; t++) {
            SplittableRandom data = new SplittableRandom(1000 + t);
            boolean[] common = bernoulli(400, 0.8, data);
            boolean[] counter = bernoulli(300, 0.6, data);
            if (BootstrapInterval.ofDifference(common, counter, 400, 0.95, t).interval().contains(0.2)) {
                covered++;
            }
        }
        assertTrue(covered >= 180 && covered <= 198, covered + " of " + trials + " intervals cover 0.2");
    }

    @Test
    void rejectsEmptyGroupsByName() {
        boolean[] some = group(3, 1);
        IllegalArgumentException common = assertThrows(IllegalArgumentException.class,
                () -> BootstrapInterval.ofDifference(new boolean[0], some, 100, 0.95, 1));
        assertTrue(common.getMessage().contains("common group"), common.getMessage());
        IllegalArgumentException counter = assertThrows(IllegalArgumentException.class,
                () -> BootstrapInterval.ofDifference(some, new boolean[0], 100, 0.95, 1));
        assertTrue(counter.getMessage().contains("counter group"), counter.getMessage());
        IllegalArgumentException single = assertThrows(IllegalArgumentException.class,
                () -> BootstrapInterval.ofMean(new boolean[0], 100, 0.95, 1));
        assertTrue(single.getMessage().contains("group is empty"), single.getMessage());
    }

    @Test
    void rejectsInvalidResamplesAndConfidence() {
        boolean[] some = group(3, 1);
        assertThrows(IllegalArgumentException.class, () -> BootstrapInterval.ofMean(some, 0, 0.95, 1));
        assertThrows(IllegalArgumentException.class, () -> BootstrapInterval.ofMean(some, 10, 1.0, 1));
        assertThrows(IllegalArgumentException.class, () -> BootstrapInterval.ofDifference(some, some, 10, 0, 1));
    }
}
