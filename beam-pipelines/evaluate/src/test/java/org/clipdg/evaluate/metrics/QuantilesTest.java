package org.clipdg.evaluate.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Expected values from numpy.quantile (method "linear", type 7). */
class QuantilesTest {
    @Test
    void type7MatchesNumpy() {
        double[] sorted = {1, 2, 4, 8, 16};
        assertEquals(1, Quantiles.type7(sorted, 0), 0);
        assertEquals(16, Quantiles.type7(sorted, 1), 0);
        assertEquals(1.4, Quantiles.type7(sorted, 0.1), 1e-15);
        assertEquals(4, Quantiles.type7(sorted, 0.5), 0);
        assertEquals(14.4, Quantiles.type7(sorted, 0.95), 1e-14);
        assertEquals(7, Quantiles.type7(new double[] {7}, 0.3), 0);
    }
}
