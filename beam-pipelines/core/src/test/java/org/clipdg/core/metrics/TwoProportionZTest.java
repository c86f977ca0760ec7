package org.clipdg.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Expected values from the pooled formula evaluated in Python. */
class TwoProportionZTest {
    @Test
    void aProportionBelowItsBaselineIsNegative() {
        assertEquals(-0.8841765617806912, TwoProportionZ.of(735, 756, 272, 277), 1e-12);
        assertEquals(-1.6733200530681513, TwoProportionZ.of(3, 7, 6, 7), 1e-12);
    }

    @Test
    void aProportionAboveItsBaselineIsPositiveAndSwappingNegates() {
        assertEquals(0.5039050927311532, TwoProportionZ.of(429, 435, 150, 153), 1e-12);
        assertEquals(1.4064216928154865, TwoProportionZ.of(8, 10, 5, 10), 1e-12);
        assertEquals(-1.4064216928154865, TwoProportionZ.of(5, 10, 8, 10), 1e-12);
    }

    @Test
    void equalProportionsAreZeroEvenWithoutVariance() {
        assertEquals(0, TwoProportionZ.of(4, 8, 50, 100), 0);
        assertEquals(0, TwoProportionZ.of(8, 8, 100, 100), 0);
        assertEquals(0, TwoProportionZ.of(0, 8, 0, 100), 0);
    }

    @Test
    void rejectsImpossibleCounts() {
        assertThrows(IllegalArgumentException.class, () -> TwoProportionZ.of(0, 0, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> TwoProportionZ.of(1, 2, 3, 2));
        assertThrows(IllegalArgumentException.class, () -> TwoProportionZ.of(-1, 2, 1, 2));
    }
}
