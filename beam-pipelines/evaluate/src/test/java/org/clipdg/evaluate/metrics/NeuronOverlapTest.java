package org.clipdg.evaluate.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NeuronOverlapTest {
    private static double[] ramp(int units) {
        double[] activations = new double[units];
        for (int i = 0; i < units; i++) {
            activations[i] = i;
        }
        return activations;
    }

    @Test
    void identicalActivationsOverlapFully() {
        double[] a = {0.3, -1, 2, 0.7, 5, 0.1, 0.2, 0.9, 1.1, 4};
        assertEquals(1, NeuronOverlap.jaccard(a, a.clone()), 0);
    }

    @Test
    void disjointTopSetsDoNotOverlap() {
        double[] a = ramp(20);
        double[] b = new double[20];
        for (int i = 0; i < 20; i++) {
            b[i] = -a[i];
        }
        assertArrayEquals(new int[] {18, 19}, NeuronOverlap.topUnits(a, 0.10));
        assertArrayEquals(new int[] {0, 1}, NeuronOverlap.topUnits(b, 0.10));
        assertEquals(0, NeuronOverlap.jaccard(a, b), 0);
    }

    @Test
    void partialOverlap() {
        // Top 3 of 10: {0, 1, 2} and {1, 2, 5}; intersection 2, union 4.
        double[] a = {9, 8, 7, 1, 1, 1, 1, 1, 1, 1};
        double[] b = {1, 9, 8, 1, 1, 7, 1, 1, 1, 1};
        assertEquals(0.5, NeuronOverlap.jaccard(a, b, 0.3), 0);
        // Top 1 (10% of 10): {0} and {1}.
        assertEquals(0, NeuronOverlap.jaccard(a, b), 0);
    }

    @Test
    void tiesBreakByUnitIndexLowerFirst() {
        assertArrayEquals(new int[] {0}, NeuronOverlap.topUnits(new double[] {5, 5, 0, 0, 0, 0, 0, 0, 0, 0}, 0.10));
        assertArrayEquals(new int[] {1, 2}, NeuronOverlap.topUnits(new double[] {1, 3, 3, 3, 0}, 0.4));
        assertArrayEquals(new int[] {0, 2}, NeuronOverlap.topUnits(new double[] {0.0, -1, -0.0, -0.0}, 0.5));
        double[] a = {5, 5, 0, 0, 0, 0, 0, 0, 0, 0};
        double[] b = {0, 5, 5, 0, 0, 0, 0, 0, 0, 0};
        assertEquals(0, NeuronOverlap.jaccard(a, b), 0);
        assertEquals(1.0 / 3, NeuronOverlap.jaccard(a, b, 0.2), 1e-15);
    }

    @Test
    void topSetSizeIsTheCeilingOfTheDecimalFraction() {
        assertEquals(7, NeuronOverlap.topUnits(ramp(100), 0.07).length);
        assertEquals(3, NeuronOverlap.topUnits(ramp(25), NeuronOverlap.DEFAULT_FRACTION).length);
        assertEquals(1, NeuronOverlap.topUnits(ramp(5), 0.01).length);
        assertEquals(5, NeuronOverlap.topUnits(ramp(5), 1).length);
        assertArrayEquals(new int[] {1, 2}, NeuronOverlap.topUnits(new double[] {-5, -1, -3}, 0.34));
    }

    @Test
    void rejectsBadInputs() {
        assertThrows(IllegalArgumentException.class, () -> NeuronOverlap.jaccard(new double[3], new double[4]));
        assertThrows(IllegalArgumentException.class, () -> NeuronOverlap.jaccard(new double[0], new double[0]));
        assertThrows(IllegalArgumentException.class, () -> NeuronOverlap.jaccard(new double[3], new double[3], 0));
        assertThrows(IllegalArgumentException.class, () -> NeuronOverlap.jaccard(new double[3], new double[3], 1.5));
        assertThrows(IllegalArgumentException.class,
                () -> NeuronOverlap.jaccard(new double[] {1, Double.NaN}, new double[2]));
    }
}
