package org.clipdg.similarity;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;

/** The test oracle: both loops by their definitions, inner products accumulated in double. */
final class BruteForce implements SimilarityKernel {
    @Override
    public void innerProducts(FloatBuffer rows, int rowCount, FloatBuffer columns, int columnCount, int dimension, FloatBuffer out) {
        for (int i = 0; i < rowCount; i++) {
            for (int j = 0; j < columnCount; j++) {
                double sum = 0;
                for (int c = 0; c < dimension; c++) {
                    sum += (double) rows.get(i * dimension + c) * columns.get(j * dimension + c);
                }
                out.put(i * columnCount + j, (float) sum);
            }
        }
    }

    @Override
    public long scanRows(FloatBuffer matrix, int rows, int columns, FloatBuffer gates, FloatBuffer best, IntBuffer firstBest,
            IntBuffer hits) {
        long count = 0;
        for (int r = 0; r < rows; r++) {
            float max = Float.NEGATIVE_INFINITY;
            int at = -1;
            for (int c = 0; c < columns; c++) {
                float value = matrix.get(r * columns + c);
                if (value > max) {
                    max = value;
                    at = c;
                }
                if (value >= gates.get(c)) {
                    if (count < hits.remaining()) {
                        hits.put(hits.position() + (int) count, r * columns + c);
                    }
                    count++;
                }
            }
            best.put(r, max);
            firstBest.put(r, at);
        }
        return count;
    }
}
