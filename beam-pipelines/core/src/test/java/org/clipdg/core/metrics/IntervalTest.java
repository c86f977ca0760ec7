package org.clipdg.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IntervalTest {
    @Test
    void closedAtBothEnds() {
        Interval interval = new Interval(0.25, 0.75);
        assertEquals(0.5, interval.width(), 0);
        assertTrue(interval.contains(0.25));
        assertTrue(interval.contains(0.75));
        assertFalse(interval.contains(0.7500001));
        assertTrue(new Interval(1, 1).contains(1));
    }

    @Test
    void rejectsReversedOrNanBounds() {
        assertThrows(IllegalArgumentException.class, () -> new Interval(0.6, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new Interval(Double.NaN, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new Interval(0.5, Double.NaN));
    }
}
