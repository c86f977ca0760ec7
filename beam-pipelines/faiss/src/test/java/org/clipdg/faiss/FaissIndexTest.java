package org.clipdg.faiss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FaissIndexTest {

    private static final int D = 32;
    private static final double TOLERANCE = 1e-5;

    @Test
    void exactSearchEqualsBruteForceIncludingTies() {
        float[] base = Vectors.randomUnit(3000, D, 1);
        // Rows 2000..2009 repeat rows 0..9: a query equal to row i then ties between i and 2000 + i.
        System.arraycopy(base, 0, base, 2000 * D, 10 * D);
        float[] queries = new float[40 * D];
        System.arraycopy(base, 0, queries, 0, 10 * D);
        System.arraycopy(Vectors.randomUnit(30, D, 2), 0, queries, 10 * D, 30 * D);
        int k = 10;

        Neighbours found;
        try (FaissIndex index = FaissIndex.create("Flat", D)) {
            index.add(Vectors.heap(base));
            assertEquals(3000, index.size());
            found = index.search(Vectors.heap(queries), k);
        }

        assertEquals(40, found.queries());
        assertEquals(k, found.k());
        for (int q = 0; q < 40; q++) {
            double[] exact = Vectors.similarities(queries, q, base, D);
            int[] expected = Vectors.topK(exact, k);
            Set<Long> ids = new HashSet<>();
            for (int rank = 0; rank < k; rank++) {
                long id = found.id(q, rank);
                assertTrue(ids.add(id), "query " + q + " returned id " + id + " twice");
                assertEquals(exact[expected[rank]], found.similarity(q, rank), TOLERANCE, "query " + q + " rank " + rank);
                assertEquals(exact[(int) id], found.similarity(q, rank), TOLERANCE, "similarity reported for id " + id);
                // Among equal similarities FAISS's order is unspecified: ids must match only where distinct.
                if (isolated(exact, expected, rank)) {
                    assertEquals(expected[rank], id, "query " + q + " rank " + rank);
                }
            }
        }
        for (int q = 0; q < 10; q++) {
            assertEquals(Set.of((long) q, 2000L + q), Set.of(found.id(q, 0), found.id(q, 1)), "query " + q + " tie");
        }
    }

    private static boolean isolated(double[] exact, int[] ranked, int rank) {
        double value = exact[ranked[rank]];
        long close = Arrays.stream(exact).filter(other -> Math.abs(other - value) <= 2 * TOLERANCE).count();
        return close == 1;
    }

    @Test
    void kLargerThanTheBasePadsWithMinusOne() {
        float[] base = Vectors.randomUnit(5, D, 3);
        try (FaissIndex index = FaissIndex.create("Flat", D)) {
            index.add(Vectors.heap(base));
            Neighbours found = index.search(Vectors.heap(Vectors.randomUnit(2, D, 4)), 8);
            for (int q = 0; q < 2; q++) {
                Set<Long> real = new HashSet<>();
                for (int rank = 0; rank < 5; rank++) {
                    real.add(found.id(q, rank));
                }
                assertEquals(Set.of(0L, 1L, 2L, 3L, 4L), real);
                for (int rank = 5; rank < 8; rank++) {
                    assertEquals(-1, found.id(q, rank));
                    assertEquals(-Float.MAX_VALUE, found.similarity(q, rank));
                }
            }
        }
    }

    @Test
    void rangeSearchEqualsBruteForceFilter() {
        int dimension = 8;
        float[] base = Vectors.randomUnit(2000, dimension, 5);
        float[] queries = Vectors.randomUnit(25, dimension, 6);
        float radius = 0.8f;

        RangeResult result;
        try (FaissIndex index = FaissIndex.create("Flat", dimension)) {
            index.add(Vectors.heap(base));
            result = index.rangeSearch(Vectors.heap(queries), radius);
        }

        assertEquals(25, result.queries());
        long total = 0;
        for (int q = 0; q < 25; q++) {
            double[] exact = Vectors.similarities(queries, q, base, dimension);
            Set<Long> found = new HashSet<>();
            for (long i = result.limits()[q]; i < result.limits()[q + 1]; i++) {
                long id = result.ids()[(int) i];
                assertTrue(found.add(id));
                assertEquals(exact[(int) id], result.similarities()[(int) i], TOLERANCE);
            }
            for (int row = 0; row < exact.length; row++) {
                if (Math.abs(exact[row] - radius) > TOLERANCE) {
                    assertEquals(exact[row] > radius, found.contains((long) row), "query " + q + " row " + row);
                }
            }
            total += found.size();
        }
        assertTrue(total > 25, "the radius should select a few vectors per query, got " + total);
    }

    @Test
    void ivfTrainsAndNprobeControlsRecall() {
        float[] base = Vectors.randomUnit(4000, D, 7);
        float[] queries = Vectors.randomUnit(30, D, 8);
        int k = 10;
        try (FaissIndex index = FaissIndex.create("IVF16,Flat", D)) {
            assertFalse(index.isTrained());
            index.train(Vectors.heap(base));
            assertTrue(index.isTrained());
            index.add(Vectors.heap(base));

            index.setSearchParameter("nprobe", 1);
            double narrow = recall(index.search(Vectors.heap(queries), k), queries, base);
            index.setSearchParameter("nprobe", 16);
            double all = recall(index.search(Vectors.heap(queries), k), queries, base);

            assertEquals(1.0, all, "probing every list is exact search");
            assertTrue(narrow < 0.9, "one list of 16 should miss neighbours of random vectors, recall " + narrow);
        }
    }

    private static double recall(Neighbours found, float[] queries, float[] base) {
        int hits = 0;
        for (int q = 0; q < found.queries(); q++) {
            Set<Long> expected = new HashSet<>();
            for (int row : Vectors.topK(Vectors.similarities(queries, q, base, D), found.k())) {
                expected.add((long) row);
            }
            for (int rank = 0; rank < found.k(); rank++) {
                hits += expected.contains(found.id(q, rank)) ? 1 : 0;
            }
        }
        return hits / (double) (found.queries() * found.k());
    }

    @Test
    void hnswTakesEfSearch() {
        float[] base = Vectors.randomUnit(500, D, 9);
        try (FaissIndex index = FaissIndex.create("HNSW16", D)) {
            index.add(Vectors.heap(base));
            index.setSearchParameter("efSearch", 64);
            Neighbours found = index.search(Vectors.heap(Vectors.rows(base, D, 0, 20)), 1);
            for (int q = 0; q < 20; q++) {
                assertEquals(q, found.id(q, 0), "a base vector finds itself");
            }
        }
    }

    @Test
    void unknownSearchParameterIsFaissError() {
        try (FaissIndex index = FaissIndex.create("Flat", D)) {
            FaissException error = assertThrows(FaissException.class, () -> index.setSearchParameter("nprobe", 4));
            assertTrue(error.getMessage().contains("could not set parameter nprobe"), error.getMessage());
        }
    }

    @Test
    void bufferPositionAndLimitSelectTheVectors() {
        float[] base = Vectors.randomUnit(100, D, 10);
        float[] queries = Vectors.randomUnit(6, D, 11);
        try (FaissIndex index = FaissIndex.create("Flat", D)) {
            index.add(Vectors.heap(base));
            Neighbours whole = index.search(Vectors.heap(queries), 5);

            for (FloatBuffer buffer : new FloatBuffer[] {Vectors.heap(queries), Vectors.direct(queries)}) {
                buffer.position(2 * D).limit(5 * D);
                Neighbours middle = index.search(buffer, 5);
                assertEquals(2 * D, buffer.position(), "the caller's position is left alone");
                assertEquals(3, middle.queries());
                assertArrayEquals(Arrays.copyOfRange(whole.ids(), 10, 25), middle.ids());
                assertArrayEquals(Arrays.copyOfRange(whole.similarities(), 10, 25), middle.similarities());
            }
        }
    }

    @Test
    void garbageFactoryStringIsFaissError() {
        FaissException error = assertThrows(FaissException.class, () -> FaissIndex.create("NoSuchIndex", D));
        assertTrue(error.getMessage().contains("NoSuchIndex"), error.getMessage());
    }

    @Test
    void addingToAnUntrainedIvfIsFaissError() {
        try (FaissIndex index = FaissIndex.create("IVF4,Flat", D)) {
            FaissException error = assertThrows(FaissException.class,
                    () -> index.add(Vectors.heap(Vectors.randomUnit(10, D, 12))));
            assertTrue(error.getMessage().contains("is_trained"), error.getMessage());
        }
    }

    @Test
    void argumentErrorsAreCaughtBeforeFaiss() {
        try (FaissIndex index = FaissIndex.create("Flat", D)) {
            IllegalArgumentException partial = assertThrows(IllegalArgumentException.class,
                    () -> index.add(Vectors.heap(new float[D + 3])));
            assertEquals("vectors: 35 floats is not a whole number of vectors of dimension 32", partial.getMessage());

            IllegalArgumentException wrongDimension = assertThrows(IllegalArgumentException.class,
                    () -> index.search(Vectors.heap(new float[16]), 1));
            assertTrue(wrongDimension.getMessage().contains("dimension 32"), wrongDimension.getMessage());

            IllegalArgumentException noK = assertThrows(IllegalArgumentException.class,
                    () -> index.search(Vectors.heap(new float[D]), 0));
            assertEquals("k must be at least 1, was 0", noK.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> FaissIndex.create("Flat", 0));
    }

    @Test
    void closedIndexRefusesCalls() {
        FaissIndex index = FaissIndex.create("Flat", D);
        index.close();
        index.close();
        assertThrows(IllegalStateException.class, index::size);
    }

    @Test
    void noQueriesGiveNoResults() {
        try (FaissIndex index = FaissIndex.create("Flat", D)) {
            index.add(Vectors.heap(Vectors.randomUnit(3, D, 13)));
            assertEquals(0, index.search(Vectors.heap(new float[0]), 2).ids().length);
            assertEquals(0, index.rangeSearch(Vectors.heap(new float[0]), 0.5f).queries());
        }
    }
}
