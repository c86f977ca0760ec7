package org.clipdg.similarity;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.Arrays;
import java.util.List;
import org.clipdg.core.embedding.VectorBlock;

/**
 * One test set against blocks of base vectors (reference or pool samples): keeps, per test point,
 * its best {@code k} base samples, and reports, per base sample, its nearest test point and how
 * many test points q have sim(q, x) > t(q).
 *
 * <p>A pool sample identical to a reference sample must score exactly t(q), never more. The kernel
 * (BLAS) does not promise that: the same product may round differently at another position of a
 * matrix (edge tiles, thread splits). So every pair whose kernel similarity lies within
 * {@link #tieMargin} of t(q) is decided on {@link #canonicalDot} products, computed the same way
 * wherever the vectors sit; the margin bounds the rounding difference of any two summation orders
 * of unit vectors.
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
    private final double[] canonicalThresholds;
    /** Reference scans only: per test point, the largest canonical product among base samples near its best. */
    private final double[] canonicalBest;
    private final float tieMargin;
    /** Per test point: pool samples x with sim(q, x) > t(q) seen so far. */
    private final long[] matchesPerQuery;
    private final Scratch scratch = new Scratch();

    private TestSetScan(VectorBlock tests, int k, Thresholds thresholds, boolean reference) {
        this.tests = tests;
        this.neighbours = new NeighbourHeap[tests.rows()];
        for (int q = 0; q < neighbours.length; q++) {
            neighbours[q] = new NeighbourHeap(k);
        }
        this.thresholds = thresholds != null ? thresholds.kernel().clone() : filled(tests.rows(), Float.POSITIVE_INFINITY);
        this.canonicalThresholds = thresholds != null ? thresholds.canonical().clone() : null;
        this.canonicalBest = reference ? filledDouble(tests.rows(), Double.NEGATIVE_INFINITY) : null;
        this.tieMargin = 2f * tests.dimension() * Math.ulp(1f);
        this.matchesPerQuery = new long[tests.rows()];
    }

    /** Matches base samples above {@code thresholds}; without thresholds, none ever matches. */
    TestSetScan(VectorBlock tests, int k, Thresholds thresholds) {
        this(tests, k, thresholds, false);
    }

    /** The scan of the reference set: each test point's nearest reference sample, for its thresholds. */
    static TestSetScan ofReference(VectorBlock tests) {
        return new TestSetScan(tests, 1, null, true);
    }

    /** After a reference scan: t(q) of every test point, as the kernel computed it and canonically. */
    Thresholds referenceThresholds() {
        float[] kernel = new float[tests.rows()];
        for (int q = 0; q < kernel.length; q++) {
            kernel[q] = neighbours[q].floor();
        }
        return new Thresholds(kernel, canonicalBest.clone());
    }

    Thresholds thresholds() {
        return new Thresholds(thresholds.clone(), canonicalThresholds == null ? filledDouble(thresholds.length,
                Double.POSITIVE_INFINITY) : canonicalThresholds.clone());
    }

    long matches(int testPoint) {
        return matchesPerQuery[testPoint];
    }

    /**
     * Takes one (test point, base sample) pair found by an approximate search: counts it as a match
     * if above t(q) and offers it to the test point's top-k. Returns whether it matches.
     */
    boolean take(int testPoint, float similarity, VectorBlock base, int row) {
        neighbours[testPoint].offer(similarity, base.dataset(), base.keys()[row]);
        boolean match = matches(testPoint, similarity, base, row);
        if (match) {
            matchesPerQuery[testPoint]++;
        }
        return match;
    }

    /**
     * Takes what another scan found for test point {@code testPoint} over other base samples (a
     * chunk of the pool): its top-k offered to this one's, its matches added.
     */
    void absorb(int testPoint, List<NeighbourHeap.Neighbour> found, long matches) {
        for (NeighbourHeap.Neighbour neighbour : found) {
            neighbours[testPoint].offer(neighbour.similarity(), neighbour.dataset(), neighbour.key());
        }
        matchesPerQuery[testPoint] += matches;
    }

    /** Whether sim(q, x) > t(q): on the kernel's products, or on canonical ones within rounding of t(q). */
    private boolean matches(int q, float similarity, VectorBlock base, int row) {
        if (similarity > thresholds[q] + tieMargin || similarity < thresholds[q] - tieMargin) {
            return similarity > thresholds[q];
        }
        return canonicalDot(base, row, q) > canonicalThresholds[q];
    }

    /**
     * The inner product of base row {@code row} and test point {@code q}, the same wherever either
     * lies: float products summed in double, in index order.
     */
    double canonicalDot(VectorBlock base, int row, int q) {
        int d = tests.dimension();
        FloatBuffer x = base.vectors();
        FloatBuffer t = tests.vectors();
        double sum = 0;
        for (int i = 0; i < d; i++) {
            sum += (double) x.get(row * d + i) * t.get(q * d + i);
        }
        return sum;
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
                gates.put(q, Math.min(thresholds[q] - tieMargin, floors[q] - (canonicalBest != null ? tieMargin : 0)));
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
                if (similarity > thresholds[q] - tieMargin && matches(q, similarity, base, first + r)) {
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
                // The reference's best only rises, so every sample within the margin of the final best is seen here.
                if (canonicalBest != null && similarity >= floors[q] - tieMargin) {
                    canonicalBest[q] = Math.max(canonicalBest[q], canonicalDot(base, first + r, q));
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

    private static double[] filledDouble(int length, double value) {
        double[] array = new double[length];
        Arrays.fill(array, value);
        return array;
    }

    private static float[] filled(int length, float value) {
        float[] array = new float[length];
        Arrays.fill(array, value);
        return array;
    }
}
