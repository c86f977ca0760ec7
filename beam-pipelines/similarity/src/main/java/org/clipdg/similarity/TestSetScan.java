package org.clipdg.similarity;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.Arrays;
import org.clipdg.core.embedding.VectorBlock;

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

    private static final int GATE_CHUNK = 64;

    private final VectorBlock tests;
    private final NeighbourHeap[] neighbours;
    private final float[] thresholds;
    /** Per test point: pool samples x with sim(q, x) > t(q) seen so far. */
    private final long[] matchesPerQuery;
    private final Scratch scratch = new Scratch();

    /** Without thresholds, no base sample ever matches. */
    TestSetScan(VectorBlock tests, int k, float[] thresholds) {
        this.tests = tests;
        this.neighbours = new NeighbourHeap[tests.rows()];
        for (int q = 0; q < neighbours.length; q++) {
            neighbours[q] = new NeighbourHeap(k);
        }
        this.thresholds = thresholds != null ? thresholds.clone() : filled(tests.rows(), Float.POSITIVE_INFINITY);
        this.matchesPerQuery = new long[tests.rows()];
    }

    float threshold(int testPoint) {
        return thresholds[testPoint];
    }

    long matches(int testPoint) {
        return matchesPerQuery[testPoint];
    }

    /**
     * Takes one (test point, base sample) pair found by an approximate search: counts it as a match
     * if above t(q) and offers it to the test point's top-k. Returns whether it matches.
     */
    boolean take(int testPoint, float similarity, String dataset, String key) {
        neighbours[testPoint].offer(similarity, dataset, key);
        boolean match = similarity > thresholds[testPoint];
        if (match) {
            matchesPerQuery[testPoint]++;
        }
        return match;
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
    void scan(SimilarityKernel kernel, FloatBuffer products, VectorBlock base, int first, int rowCount, RowMatches out,
            CandidateCap cap, int capRow) {
        int columns = tests.rows();
        float[] floors = new float[columns];
        for (int q = 0; q < columns; q++) {
            floors[q] = neighbours[q].floor();
        }
        // Rows go to the kernel in chunks, so that the gates follow the floors as the heaps fill.
        for (int chunkStart = 0; chunkStart < rowCount; chunkStart += GATE_CHUNK) {
            int chunkRows = Math.min(GATE_CHUNK, rowCount - chunkStart);
            // A product counts (a match, or a candidate for a top-k heap) only if it reaches its column's gate.
            FloatBuffer gates = scratch.floats(0, columns);
            for (int q = 0; q < columns; q++) {
                gates.put(q, Math.min(thresholds[q], floors[q]));
            }
            FloatBuffer best = scratch.floats(1, chunkRows);
            IntBuffer nearest = scratch.ints(0, chunkRows);
            FloatBuffer chunk = products.slice(chunkStart * columns, chunkRows * columns);
            IntBuffer hits = scratch.ints(1, scratch.hitCapacity);
            long count = kernel.scanRows(chunk, chunkRows, columns, gates, best, nearest, hits);
            if (count > hits.capacity()) {
                scratch.hitCapacity = Math.toIntExact(count);
                hits = scratch.ints(1, scratch.hitCapacity);
                kernel.scanRows(chunk, chunkRows, columns, gates, best, nearest, hits);
            }
            for (int c = 0; c < chunkRows; c++) {
                out.maxSimilarity()[first + chunkStart + c] = best.get(c);
                out.nearest()[first + chunkStart + c] = nearest.get(c);
                out.matchingQueries()[first + chunkStart + c] = 0;
            }
            // The gates may lie below the floors by now: each hit is checked exactly.
            for (int h = 0; h < count; h++) {
                int position = hits.get(h);
                int r = chunkStart + position / columns;
                int q = position % columns;
                float similarity = chunk.get(position);
                if (similarity > thresholds[q]) {
                    out.matchingQueries()[first + r]++;
                    matchesPerQuery[q]++;
                    if (cap != null) {
                        cap.add(q, capRow + first + r, similarity);
                    }
                }
                if (similarity >= floors[q]) {
                    neighbours[q].offer(similarity, base.dataset(), base.keys()[first + r]);
                    floors[q] = neighbours[q].floor();
                }
            }
        }
    }

    /** Native buffers for the kernel, grown as needed and reused across slices. */
    private static final class Scratch {
        private final FloatBuffer[] floats = new FloatBuffer[2];
        private final IntBuffer[] ints = new IntBuffer[2];
        private int hitCapacity = 4096;

        FloatBuffer floats(int slot, int length) {
            if (floats[slot] == null || floats[slot].capacity() < length) {
                floats[slot] = ByteBuffer.allocateDirect(Math.max(1, length) * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
            }
            return floats[slot].clear();
        }

        IntBuffer ints(int slot, int length) {
            if (ints[slot] == null || ints[slot].capacity() < length) {
                ints[slot] = ByteBuffer.allocateDirect(Math.max(1, length) * 4).order(ByteOrder.nativeOrder()).asIntBuffer();
            }
            return ints[slot].clear();
        }
    }

    private static float[] filled(int length, float value) {
        float[] array = new float[length];
        Arrays.fill(array, value);
        return array;
    }
}
