package org.clipdg.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Expected values from SciPy's norm.ppf (Cephes ndtri), an independent implementation. */
class NormalQuantileTest {
    @Test
    void twoSidedCriticalValues() {
        assertEquals(1.959963985, NormalQuantile.twoSided(0.95), 1e-9);
        assertEquals(1.959963984540054, NormalQuantile.twoSided(0.95), 1e-14);
        assertEquals(2.5758293035489004, NormalQuantile.twoSided(0.99), 1e-14);
        assertEquals(1.6448536269514722, NormalQuantile.twoSided(0.90), 1e-14);
        assertEquals(0.6744897501960817, NormalQuantile.twoSided(0.50), 1e-14);
        // The double nearest 0.999999 makes the tail (1 - c) / 2 = 5.000000000143778e-7; z for that tail.
        assertEquals(4.8916384756929325, NormalQuantile.twoSided(0.999999), 1e-13);
    }

    @Test
    void quantilesInEachRegionOfTheApproximation() {
        assertEquals(0, NormalQuantile.of(0.5), 0);
        assertEquals(-0.5244005127080409, NormalQuantile.of(0.3), 1e-14);
        assertEquals(-2.053748910631823, NormalQuantile.of(0.02), 1e-13);
        assertEquals(-37.0470962993612, NormalQuantile.of(1e-300), 1e-11);
    }

    @Test
    void symmetricAroundOneHalf() {
        for (double p : new double[] {0.3, 0.02, 1e-5}) {
            assertEquals(-NormalQuantile.of(p), NormalQuantile.of(1 - p), 1e-9 * Math.abs(NormalQuantile.of(p)));
        }
    }

    @Test
    void rejectsProbabilitiesOutsideTheOpenUnitInterval() {
        for (double p : new double[] {0, 1, -0.1, 1.5, Double.NaN}) {
            assertThrows(IllegalArgumentException.class, () -> NormalQuantile.of(p));
        }
        assertThrows(IllegalArgumentException.class, () -> NormalQuantile.twoSided(1));
        assertThrows(IllegalArgumentException.class, () -> NormalQuantile.twoSided(0));
    }
}
