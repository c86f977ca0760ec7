package org.clipdg.similarity;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * One test set against blocks of base vectors (reference or pool samples): keeps, per test point,
 * its best {@code k} base samples, and reports, per base sample, its nearest test point and how
 * many test points q have sim(q, x) > t(q). Every figure comes from the same inner products, so
 * a pool sample identical to a reference sample gets exactly t(q), never more.
 */
final class TestSetScan {
    /** Per base row of the last scan. */
    record RowMatches(float[] maxSimilarity, int[] nearest, int[] matchingQueries) {
        RowMatches(int rows) {
            this(new float[rows], new int[rows], new int[rows]);
        }
    }

    private final VectorBlock tests;
    private final NeighbourHeap[] neighbours;
    private final float[] thresholds;

    /** Without thresholds, no base sample ever matches. */
    TestSetScan(VectorBlock tests, int k, float[] thresholds) {
        this.tests = tests;
        this.neighbours = new NeighbourHeap[tests.rows()];
        for (int q = 0; q < neighbours.length; q++) {
            neighbours[q] = new NeighbourHeap(k);
        }
        this.thresholds = thresholds != null ? thresholds.clone() : filled(tests.rows(), Float.POSITIVE_INFINITY);
    }

    VectorBlock tests() {
        return tests;
    }

    NeighbourHeap neighbours(int testPoint) {
        return neighbours[testPoint];
    }

    /**
     * Folds in base rows {@code [first, first + rowCount)} of {@code base}, whose products with the
     * test points are in {@code products} (row-major, one row per base sample); their per-row results
     * go to {@code out} at the same positions. With a {@code cap}, every match is also recorded there,
     * at row {@code capRow + first + r}.
     */
    void scan(FloatBuffer products, VectorBlock base, int first, int rowCount, RowMatches out, CandidateCap cap,
            int capRow) {
        int columns = tests.rows();
        float[] floors = new float[columns];
        for (int q = 0; q < columns; q++) {
            floors[q] = neighbours[q].floor();
        }
        for (int r = 0; r < rowCount; r++) {
            int offset = r * columns;
            float best = Float.NEGATIVE_INFINITY;
            int nearest = -1;
            int matching = 0;
            for (int q = 0; q < columns; q++) {
                float similarity = products.get(offset + q);
                if (similarity > best) {
                    best = similarity;
                    nearest = q;
                }
                if (similarity > thresholds[q]) {
                    matching++;
                    if (cap != null) {
                        cap.add(q, capRow + first + r, similarity);
                    }
                }
                if (similarity >= floors[q]) {
                    neighbours[q].offer(similarity, base.dataset(), base.keys()[first + r]);
                    floors[q] = neighbours[q].floor();
                }
            }
            out.maxSimilarity()[first + r] = best;
            out.nearest()[first + r] = nearest;
            out.matchingQueries()[first + r] = matching;
        }
    }

    private static float[] filled(int length, float value) {
        float[] array = new float[length];
        Arrays.fill(array, value);
        return array;
    }
}
