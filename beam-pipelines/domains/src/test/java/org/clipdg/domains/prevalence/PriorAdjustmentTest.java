package org.clipdg.domains.prevalence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.clipdg.domains.GaussianDomainScores;
import org.junit.jupiter.api.Test;

class PriorAdjustmentTest {
    /** A classifier trained on 17% natural / 83% rendition, applied to a pool of 41% / 59%. */
    private static final double[] LABELLED = {0.17, 0.83};
    private static final GaussianDomainScores.Drawn POOL = GaussianDomainScores.draw(new int[] {8200, 11800}, LABELLED,
            new Random(25));

    @Test
    void recoversThePoolsPrevalenceWhereTheMeanPosteriorIsBiasedTowardsTheTrainingMix() {
        double[] estimate = new PriorAdjustment(POOL.posteriors(), LABELLED).estimate();
        assertEquals(0.41, estimate[0], 0.015, Arrays.toString(estimate));
        assertEquals(1, estimate[0] + estimate[1], 1e-9);
        double meanPosterior = 0;
        for (int i = 0; i < POOL.truth().length; i++) {
            meanPosterior += POOL.probability(i, 0) / POOL.truth().length;
        }
        assertTrue(0.41 - meanPosterior > 0.03, "unadjusted, the mean posterior of natural is " + meanPosterior);
    }

    @Test
    void recoversThreeClasses() {
        double[] source = {0.2, 0.1, 0.7};
        GaussianDomainScores.Drawn pool = GaussianDomainScores.draw(new int[] {6000, 2000, 4000}, source, new Random(3));
        double[] estimate = new PriorAdjustment(pool.posteriors(), source).estimate();
        assertArrayEquals(new double[] {0.5, 1 / 6.0, 1 / 3.0}, estimate, 0.03, Arrays.toString(estimate));
    }

    @Test
    void aPoolAtTheTrainingMixKeepsItsPrior() {
        GaussianDomainScores.Drawn pool = GaussianDomainScores.draw(new int[] {3400, 16600}, LABELLED, new Random(4));
        assertArrayEquals(LABELLED, new PriorAdjustment(pool.posteriors(), LABELLED).estimate(), 0.015);
    }

    @Test
    void theBootstrapIntervalCoversTheTruthAndIsTheSameForTheSameSeed() {
        PriorAdjustment adjustment = new PriorAdjustment(POOL.posteriors(), LABELLED);
        PrevalenceEstimate estimate = PrevalenceEstimate.of(adjustment, 200, 7);
        assertArrayEquals(adjustment.estimate(), estimate.prevalence(), 0);
        assertTrue(estimate.low()[0] <= 0.41 && 0.41 <= estimate.high()[0], estimate.low()[0] + "-" + estimate.high()[0]);
        assertTrue(estimate.low()[0] < estimate.prevalence()[0] && estimate.prevalence()[0] < estimate.high()[0]);
        assertTrue(estimate.high()[0] - estimate.low()[0] < 0.03, estimate.low()[0] + "-" + estimate.high()[0]);
        PrevalenceEstimate again = PrevalenceEstimate.of(adjustment, 200, 7);
        assertArrayEquals(estimate.low(), again.low(), 0);
        assertArrayEquals(estimate.high(), again.high(), 0);
        assertFalse(Arrays.equals(estimate.low(), PrevalenceEstimate.of(adjustment, 200, 8).low()), "another seed, other resamples");
    }
}
