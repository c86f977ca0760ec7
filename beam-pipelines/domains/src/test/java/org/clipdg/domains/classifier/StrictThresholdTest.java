package org.clipdg.domains.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StrictThresholdTest {
    private static final boolean T = true;
    private static final boolean F = false;

    @Test
    void takesTheSmallestThresholdReachingTheTargetEvenWhenPrecisionIsNotMonotone() {
        float[] scores = {0.9f, 0.8f, 0.7f, 0.6f, 0.5f};
        boolean[] positive = {T, T, T, F, T};
        StrictThreshold.Choice loose = StrictThreshold.select(scores, positive, 0.75, "test");
        assertEquals(0.5f, loose.threshold(), 0);
        assertEquals(0.8, loose.precision(), 1e-12);
        assertEquals(5, loose.passing());
        StrictThreshold.Choice strict = StrictThreshold.select(scores, positive, 0.85, "test");
        assertEquals(0.7f, strict.threshold(), 0);
        assertEquals(3, strict.passing());
    }

    @Test
    void tiedScoresPassOrFailTogether() {
        float[] scores = {0.9f, 0.8f, 0.8f, 0.7f};
        boolean[] positive = {T, T, F, T};
        StrictThreshold.Choice choice = StrictThreshold.select(scores, positive, 0.9, "test");
        assertEquals(0.9f, choice.threshold(), 0, "0.8 would admit the negative tied with a positive (precision 2/3)");
        assertEquals(1, choice.passing());
    }

    @Test
    void aSingleClassSplitOfPositivesTakesTheLowestScore() {
        StrictThreshold.Choice choice = StrictThreshold.select(new float[] {0.3f, 0.2f, 0.6f}, new boolean[] {T, T, T}, 0.98, "test");
        assertEquals(0.2f, choice.threshold(), 0);
        assertEquals(1.0, choice.precision(), 0);
    }

    @Test
    void anUnreachableTargetIsAnErrorThatSaysHowFarOffItIs() {
        StrictThreshold.UnreachableTarget error = assertThrows(StrictThreshold.UnreachableTarget.class,
                () -> StrictThreshold.select(new float[] {0.9f, 0.8f, 0.7f}, new boolean[] {F, T, T}, 0.98, "strict natural"));
        assertTrue(error.getMessage().startsWith("strict natural: no threshold reaches precision 0.9800 (3 samples, 2 of them"
                + " positive; best precision 0.6667 at threshold 0.7"), error.getMessage());
        assertThrows(StrictThreshold.UnreachableTarget.class,
                () -> StrictThreshold.select(new float[] {0.9f, 0.1f}, new boolean[] {F, F}, 0.5, "no positives"));
        assertThrows(StrictThreshold.UnreachableTarget.class,
                () -> StrictThreshold.select(new float[0], new boolean[0], 0.5, "empty"));
    }

    /**
     * The rule by brute force, as the class comment states it: of the thresholds among the scores whose
     * weighted precision over the samples at or above them reaches the target, the smallest; NaN when none does.
     */
    private static double bruteForce(float[] scores, boolean[] positive, double[] weights, double target) {
        double smallest = Double.NaN;
        for (float threshold : scores) {
            double correct = 0;
            double passing = 0;
            for (int i = 0; i < scores.length; i++) {
                if (scores[i] >= threshold) {
                    passing += weights[i];
                    correct += positive[i] ? weights[i] : 0;
                }
            }
            if (passing > 0 && correct / passing >= target && !(threshold >= smallest)) {
                smallest = threshold;
            }
        }
        return smallest;
    }

    private static double[] ones(int n) {
        double[] ones = new double[n];
        Arrays.fill(ones, 1);
        return ones;
    }

    /** Scores on a coarse grid, so that many tie, with more positives among higher scores. */
    private static float[] scores(Random random, int n) {
        float[] scores = new float[n];
        for (int i = 0; i < n; i++) {
            scores[i] = random.nextInt(20) / 20f;
        }
        return scores;
    }

    @Test
    void unitWeightsChooseAsTheUnweightedRuleWithTiesPassingTogether() {
        Random random = new Random(11);
        for (int trial = 0; trial < 200; trial++) {
            float[] scores = scores(random, 1 + random.nextInt(60));
            boolean[] positive = new boolean[scores.length];
            for (int i = 0; i < scores.length; i++) {
                positive[i] = random.nextDouble() < 0.3 + 0.7 * scores[i];
            }
            double target = 0.7 + 0.3 * random.nextDouble();
            double expected = bruteForce(scores, positive, ones(scores.length), target);
            if (Double.isNaN(expected)) {
                assertThrows(StrictThreshold.UnreachableTarget.class,
                        () -> StrictThreshold.select(scores, positive, ones(scores.length), target, "trial"));
                continue;
            }
            StrictThreshold.Choice weighted = StrictThreshold.select(scores, positive, ones(scores.length), target, "trial");
            StrictThreshold.Choice unweighted = StrictThreshold.select(scores, positive, target, "trial");
            assertEquals(expected, weighted.threshold(), 0, "trial " + trial);
            assertEquals(unweighted, weighted, "trial " + trial);
        }
    }

    @Test
    void anIntegerWeightCountsAsThatManyCopiesOfTheSample() {
        Random random = new Random(12);
        for (int trial = 0; trial < 200; trial++) {
            float[] scores = scores(random, 1 + random.nextInt(30));
            boolean[] positive = new boolean[scores.length];
            double[] weights = new double[scores.length];
            int copies = 0;
            for (int i = 0; i < scores.length; i++) {
                positive[i] = random.nextDouble() < 0.3 + 0.7 * scores[i];
                weights[i] = 1 + random.nextInt(3);
                copies += (int) weights[i];
            }
            float[] copiedScores = new float[copies];
            boolean[] copiedPositive = new boolean[copies];
            for (int i = 0, at = 0; i < scores.length; i++) {
                for (int k = 0; k < weights[i]; k++, at++) {
                    copiedScores[at] = scores[i];
                    copiedPositive[at] = positive[i];
                }
            }
            double target = 0.7 + 0.3 * random.nextDouble();
            double expected = bruteForce(copiedScores, copiedPositive, ones(copies), target);
            assertEquals(expected, bruteForce(scores, positive, weights, target), 0, "trial " + trial);
            if (Double.isNaN(expected)) {
                assertThrows(StrictThreshold.UnreachableTarget.class,
                        () -> StrictThreshold.select(scores, positive, weights, target, "trial"));
            } else {
                StrictThreshold.Choice choice = StrictThreshold.select(scores, positive, weights, target, "trial");
                assertEquals(expected, choice.threshold(), 0, "trial " + trial);
                assertEquals(StrictThreshold.select(copiedScores, copiedPositive, target, "trial").precision(), choice.precision(),
                        1e-12, "trial " + trial);
            }
        }
    }

    @Test
    void weightingTheNegativesUpRaisesTheThreshold() {
        float[] scores = {0.9f, 0.8f, 0.7f, 0.6f, 0.5f};
        boolean[] positive = {T, T, T, F, T};
        double[] commonerNegatives = {1, 1, 1, 3, 1};
        assertEquals(0.5f, StrictThreshold.select(scores, positive, 0.75, "test").threshold(), 0, "4 of 5");
        StrictThreshold.Choice choice = StrictThreshold.select(scores, positive, commonerNegatives, 0.75, "test");
        assertEquals(0.7f, choice.threshold(), 0, "0.5 passes 4 of 7 by weight");
        assertEquals(3, choice.passing());
    }

    @Test
    void samplesOfWeightZeroCountForNothingInThePrecision() {
        StrictThreshold.Choice choice = StrictThreshold.select(new float[] {0.9f, 0.8f, 0.7f}, new boolean[] {F, T, T},
                new double[] {0, 1, 1}, 0.98, "test");
        assertEquals(0.7f, choice.threshold(), 0);
        assertEquals(1.0, choice.precision(), 0);
        assertThrows(StrictThreshold.UnreachableTarget.class, () -> StrictThreshold.select(new float[] {0.9f, 0.8f},
                new boolean[] {T, F}, new double[] {0, 1}, 0.5, "only a negative counts"));
    }
}
