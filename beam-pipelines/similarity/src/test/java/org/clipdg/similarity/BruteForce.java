package org.clipdg.similarity;

import java.nio.FloatBuffer;

/** The test oracle: inner products by the definition, accumulated in double. */
final class BruteForce implements InnerProducts {
    @Override
    public void compute(FloatBuffer rows, int rowCount, FloatBuffer columns, int columnCount, int dimension, FloatBuffer out) {
        for (int i = 0; i < rowCount; i++) {
            for (int j = 0; j < columnCount; j++) {
                out.put(i * columnCount + j, dot(rows, i, columns, j, dimension));
            }
        }
    }

    static float dot(FloatBuffer a, int i, FloatBuffer b, int j, int dimension) {
        double sum = 0;
        for (int c = 0; c < dimension; c++) {
            sum += (double) a.get(i * dimension + c) * b.get(j * dimension + c);
        }
        return (float) sum;
    }
}
