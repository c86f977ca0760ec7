package org.clipdg.faiss;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

/** Test vectors and a plain-Java brute-force search to check FAISS against. */
final class Vectors {

    private Vectors() {}

    /** {@code count} random unit vectors, row-major. */
    static float[] randomUnit(int count, int dimension, long seed) {
        Random random = new Random(seed);
        float[] vectors = new float[count * dimension];
        for (int row = 0; row < count; row++) {
            double norm = 0;
            for (int j = 0; j < dimension; j++) {
                float value = (float) random.nextGaussian();
                vectors[row * dimension + j] = value;
                norm += (double) value * value;
            }
            for (int j = 0; j < dimension; j++) {
                vectors[row * dimension + j] /= (float) Math.sqrt(norm);
            }
        }
        return vectors;
    }

    static FloatBuffer heap(float[] vectors) {
        return FloatBuffer.wrap(vectors);
    }

    static FloatBuffer direct(float[] vectors) {
        FloatBuffer buffer = ByteBuffer.allocateDirect(vectors.length * Float.BYTES)
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
        buffer.put(vectors).flip();
        return buffer;
    }

    static double dot(float[] a, int rowA, float[] b, int rowB, int dimension) {
        double sum = 0;
        for (int j = 0; j < dimension; j++) {
            sum += (double) a[rowA * dimension + j] * b[rowB * dimension + j];
        }
        return sum;
    }

    /** Similarities of query {@code query} to every base vector. */
    static double[] similarities(float[] queries, int query, float[] base, int dimension) {
        return IntStream.range(0, base.length / dimension)
                .mapToDouble(row -> dot(queries, query, base, row, dimension)).toArray();
    }

    /** Base rows sorted by decreasing similarity (ties by increasing id), the first k. */
    static int[] topK(double[] similarities, int k) {
        return IntStream.range(0, similarities.length).boxed()
                .sorted(Comparator.comparingDouble((Integer row) -> -similarities[row]).thenComparing(row -> row))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }

    static float[] rows(float[] vectors, int dimension, int from, int to) {
        return Arrays.copyOfRange(vectors, from * dimension, to * dimension);
    }
}
