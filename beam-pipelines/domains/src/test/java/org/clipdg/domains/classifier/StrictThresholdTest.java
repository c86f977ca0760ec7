package org.clipdg.domains.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
