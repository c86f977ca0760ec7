package org.clipdg.evaluate.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TopKAccuracyTest {
    /** 4 rows x 3 classes. */
    private static final float[] SCORES = {
        0.9f, 0.5f, 0.1f,
        0.2f, 0.7f, 0.4f,
        0.6f, 0.3f, 0.8f,
        0.1f, 0.3f, 0.2f,
    };

    private static void assertRows(TopKAccuracy accuracy, int[] predictions, int[] ranks) {
        assertEquals(predictions.length, accuracy.rows());
        for (int row = 0; row < predictions.length; row++) {
            assertEquals(predictions[row], accuracy.prediction(row), "prediction of row " + row);
            assertEquals(ranks[row], accuracy.rank(row), "rank of row " + row);
        }
    }

    @Test
    void handBuiltMatrix() {
        TopKAccuracy accuracy = TopKAccuracy.of(SCORES, 3, new int[] {0, 2, 1, 1});
        assertRows(accuracy, new int[] {0, 1, 2, 1}, new int[] {1, 2, 3, 1});
        assertEquals(2, accuracy.correctAt(1));
        assertEquals(3, accuracy.correctAt(2));
        assertEquals(4, accuracy.correctAt(3));
        assertEquals(4, accuracy.correctAt(10));
    }

    @Test
    void maskRemovesClassesFromPredictionAndRank() {
        int[] truth = {0, 2, 0, 2};
        TopKAccuracy unmasked = TopKAccuracy.of(SCORES, 3, truth);
        assertRows(unmasked, new int[] {0, 1, 2, 1}, new int[] {1, 2, 2, 2});
        assertEquals(1, unmasked.correctAt(1));

        TopKAccuracy masked = TopKAccuracy.of(SCORES, 3, truth, new boolean[] {true, false, true});
        assertRows(masked, new int[] {0, 2, 2, 2}, new int[] {1, 1, 2, 1});
        assertEquals(3, masked.correctAt(1));
        assertEquals(4, masked.correctAt(2));
    }

    @Test
    void tiesBreakByClassIndex() {
        float[] scores = {
            0.5f, 0.5f, 0.5f,
            0.5f, 0.5f, 0.5f,
            0.5f, 0.5f, 0.5f,
            0.2f, 0.5f, 0.5f,
            0.0f, -0.0f, -1f,
        };
        TopKAccuracy accuracy = TopKAccuracy.of(scores, 3, new int[] {0, 1, 2, 2, 1});
        assertRows(accuracy, new int[] {0, 0, 0, 1, 0}, new int[] {1, 2, 3, 2, 2});
        assertEquals(1, accuracy.correctAt(1));
        assertEquals(4, accuracy.correctAt(2));

        TopKAccuracy withoutClassZero = TopKAccuracy.of(scores, 3, new int[] {1, 1, 2, 2, 1},
                new boolean[] {false, true, true});
        assertRows(withoutClassZero, new int[] {1, 1, 1, 1, 1}, new int[] {1, 1, 2, 2, 1});
    }

    @Test
    void trueClassOutsideTheMaskNamesTheRow() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> TopKAccuracy.of(SCORES, 3, new int[] {0, 2, 1, 0}, new boolean[] {true, false, true}));
        assertTrue(error.getMessage().contains("row 2"), error.getMessage());
    }

    @Test
    void rejectsBadShapesClassesAndScores() {
        assertThrows(IllegalArgumentException.class, () -> TopKAccuracy.of(SCORES, 3, new int[] {0, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> TopKAccuracy.of(SCORES, 3, new int[] {0, 0, 0, 3}));
        assertThrows(IllegalArgumentException.class,
                () -> TopKAccuracy.of(SCORES, 3, new int[] {0, 0, 0, 0}, new boolean[] {true, true}));
        assertThrows(IllegalArgumentException.class,
                () -> TopKAccuracy.of(new float[] {0.1f, Float.NaN}, 2, new int[] {0}));
        assertThrows(IllegalArgumentException.class,
                () -> TopKAccuracy.of(SCORES, 3, new int[] {0, 0, 0, 0}).correctAt(0));
    }
}
