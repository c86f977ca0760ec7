package org.clipdg.faiss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FaissTest {

    private static final int D = 8;
    private static final int CLUSTERS = 4;

    /** 800 points around four well-separated unit centres, with small noise. */
    private static float[] clusteredPoints(float[] centres) {
        Random random = new Random(30);
        float[] points = new float[800 * D];
        for (int row = 0; row < 800; row++) {
            int cluster = row % CLUSTERS;
            for (int j = 0; j < D; j++) {
                points[row * D + j] = centres[cluster * D + j] + 0.02f * (float) random.nextGaussian();
            }
        }
        return points;
    }

    /** Centres on distinct axes: pairwise distance sqrt(2), far above the noise. */
    private static float[] axisCentres() {
        float[] centres = new float[CLUSTERS * D];
        for (int cluster = 0; cluster < CLUSTERS; cluster++) {
            centres[cluster * D + 2 * cluster] = 1;
        }
        return centres;
    }

    @Test
    void kmeansFindsTheClustersAndRepeatsForASeed() {
        float[] centres = axisCentres();
        float[] points = clusteredPoints(centres);

        float[] first = Faiss.kmeans(Vectors.heap(points), D, CLUSTERS, 20, 42);
        float[] second = Faiss.kmeans(Vectors.direct(points), D, CLUSTERS, 20, 42);

        assertEquals(CLUSTERS * D, first.length);
        assertArrayEquals(first, second, "same data and seed, same centroids");
        for (int cluster = 0; cluster < CLUSTERS; cluster++) {
            assertTrue(nearestDistance(centres, cluster, first) < 0.05, "a centroid near centre " + cluster);
        }
    }

    @Test
    void sphericalKmeansGivesUnitCentroids() {
        float[] centroids = Faiss.sphericalKmeans(Vectors.heap(clusteredPoints(axisCentres())), D, CLUSTERS, 10, 7);
        assertEquals(CLUSTERS * D, centroids.length);
        for (int cluster = 0; cluster < CLUSTERS; cluster++) {
            assertEquals(1.0, Math.sqrt(Vectors.dot(centroids, cluster, centroids, cluster, D)), 1e-5);
        }
    }

    private static double nearestDistance(float[] centres, int centre, float[] centroids) {
        double best = Double.MAX_VALUE;
        for (int c = 0; c < centroids.length / D; c++) {
            double squared = 0;
            for (int j = 0; j < D; j++) {
                double difference = centres[centre * D + j] - centroids[c * D + j];
                squared += difference * difference;
            }
            best = Math.min(best, Math.sqrt(squared));
        }
        return best;
    }

    @Test
    void kmeansArgumentErrors() {
        IllegalArgumentException tooFew = assertThrows(IllegalArgumentException.class,
                () -> Faiss.kmeans(Vectors.heap(new float[3 * D]), D, 4, 10, 1));
        assertEquals("k-means needs at least as many vectors as clusters: 3 vectors, 4 clusters", tooFew.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Faiss.kmeans(Vectors.heap(new float[10]), D, 1, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> Faiss.kmeans(Vectors.heap(new float[D]), D, 1, 0, 1));
    }

    @Test
    void threadsCanBeSet() {
        int before = Faiss.threads();
        try {
            Faiss.setThreads(1);
            assertEquals(1, Faiss.threads());
        } finally {
            Faiss.setThreads(before);
        }
        assertThrows(IllegalArgumentException.class, () -> Faiss.setThreads(0));
    }

    @Test
    void versionIsThatOfTheHeaders() {
        assertTrue(Faiss.version().matches("1\\.\\d+\\.\\d+"), Faiss.version());
    }

    @Test
    void innerProductsEqualTheDefinitionAndOutOfRangeSlicesAreRejected() {
        int rows = 37;
        int columns = 11;
        int dimension = 19;
        float[] x = Vectors.randomUnit(rows, dimension, 5);
        float[] y = Vectors.randomUnit(columns, dimension, 6);
        java.nio.FloatBuffer out = Vectors.direct(new float[rows * columns]);
        Faiss.innerProducts(Vectors.direct(x), rows, Vectors.direct(y), columns, dimension, out);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                double dot = 0;
                for (int c = 0; c < dimension; c++) {
                    dot += (double) x[i * dimension + c] * y[j * dimension + c];
                }
                assertEquals(dot, out.get(i * columns + j), 1e-5, "(" + i + ", " + j + ")");
            }
        }
        IllegalArgumentException shortOut = assertThrows(IllegalArgumentException.class, () -> Faiss.innerProducts(
                Vectors.direct(x), rows, Vectors.direct(y), columns, dimension, Vectors.direct(new float[rows * columns - 1])));
        assertTrue(shortOut.getMessage().contains("out: " + (rows * columns - 1) + " floats remaining"), shortOut.getMessage());
        IllegalArgumentException heap = assertThrows(IllegalArgumentException.class, () -> Faiss.innerProducts(
                Vectors.heap(x), rows, Vectors.direct(y), columns, dimension, out));
        assertTrue(heap.getMessage().contains("rows must be a direct FloatBuffer"), heap.getMessage());
    }

    @Test
    void scanRowsFindsEachRowsMaximumItsFirstColumnAndEveryValueAtOrAboveItsGate() {
        for (int columns : new int[] {0, 1, 7, 8, 13, 64}) {
            int rows = 9;
            Random random = new Random(columns);
            float[] matrix = new float[rows * columns];
            for (int i = 0; i < matrix.length; i++) {
                matrix[i] = Math.round(random.nextGaussian() * 4) / 4f; // coarse values: ties, and values equal to gates
            }
            float[] gates = new float[columns];
            for (int c = 0; c < columns; c++) {
                gates[c] = Math.round(random.nextGaussian() * 4) / 4f + 0.5f;
            }
            java.nio.FloatBuffer best = Vectors.direct(new float[rows]);
            java.nio.IntBuffer first = ints(rows);
            java.util.List<Integer> expectedHits = new java.util.ArrayList<>();
            float[] expectedBest = new float[rows];
            int[] expectedFirst = new int[rows];
            for (int r = 0; r < rows; r++) {
                expectedBest[r] = Float.NEGATIVE_INFINITY;
                expectedFirst[r] = -1;
                for (int c = 0; c < columns; c++) {
                    float v = matrix[r * columns + c];
                    if (v > expectedBest[r]) {
                        expectedBest[r] = v;
                        expectedFirst[r] = c;
                    }
                    if (v >= gates[c]) {
                        expectedHits.add(r * columns + c);
                    }
                }
            }
            assertEquals(expectedHits.size(), Faiss.scanRows(Vectors.direct(matrix), rows, columns, Vectors.direct(gates),
                    best, first, ints(0)), columns + " columns: counted even without room");
            for (int r = 0; r < rows; r++) {
                assertEquals(expectedBest[r], best.get(r), 0f, columns + " columns, row " + r);
                assertEquals(expectedFirst[r], first.get(r), columns + " columns, row " + r + ": the first column holding the maximum");
            }
            java.nio.IntBuffer hits = ints(expectedHits.size());
            assertEquals(expectedHits.size(), Faiss.scanRows(Vectors.direct(matrix), rows, columns, Vectors.direct(gates),
                    best, first, hits), columns + " columns: how many hits");
            for (int i = 0; i < expectedHits.size(); i++) {
                assertEquals(expectedHits.get(i), hits.get(i), columns + " columns, hit " + i);
            }
        }
    }

    private static java.nio.IntBuffer ints(int length) {
        return java.nio.ByteBuffer.allocateDirect(Math.max(1, length) * 4).order(java.nio.ByteOrder.nativeOrder())
                .asIntBuffer().limit(length);
    }
}
