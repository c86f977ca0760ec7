package org.clipdg.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Expected values from the Wilson formula evaluated in Python with SciPy's normal quantile. */
class WilsonIntervalTest {
    private static void assertInterval(double low, double high, Interval actual, double tolerance) {
        assertEquals(low, actual.low(), tolerance, "low");
        assertEquals(high, actual.high(), tolerance, "high");
    }

    @Test
    void eightOfTen() {
        assertInterval(0.4902, 0.9433, WilsonInterval.of(8, 10, 0.95), 1e-4);
        assertInterval(0.4901624715366418, 0.9433178485456248, WilsonInterval.of(8, 10, 0.95), 1e-12);
    }

    @Test
    void noSuccessesStartsAtExactlyZero() {
        Interval interval = WilsonInterval.of(0, 10, 0.95);
        assertEquals(0, interval.low(), 0);
        assertEquals(0.2775327998628892, interval.high(), 1e-12);
    }

    @Test
    void onlySuccessesEndsAtExactlyOne() {
        Interval interval = WilsonInterval.of(10, 10, 0.95);
        assertEquals(0.7224672001371107, interval.low(), 1e-12);
        assertEquals(1, interval.high(), 0);
        assertInterval(0.20654931437723745, 1, WilsonInterval.of(1, 1, 0.95), 1e-12);
    }

    @Test
    void otherCountsAndConfidences() {
        assertInterval(0.4038315303659956, 0.5961684696340044, WilsonInterval.of(50, 100, 0.95), 1e-12);
        assertInterval(0.11637368051613817, 0.8102850959116124, WilsonInterval.of(3, 7, 0.99), 1e-12);
    }

    @Test
    void rejectsImpossibleCounts() {
        assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of(0, 0, 0.95));
        assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of(-1, 10, 0.95));
        assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of(11, 10, 0.95));
        assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of(5, 10, 1.0));
    }
}
