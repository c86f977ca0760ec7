package org.clipdg.similarity;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;

/** The two loops over every pair of vectors, the similarity step's whole cost: inner products, and a scan of them. */
public interface SimilarityKernel {
    /**
     * Sets {@code out[i * columnCount + j]} to the inner product of row {@code i} of {@code rows}
     * and row {@code j} of {@code columns}; buffers are read from index 0.
     */
    void innerProducts(FloatBuffer rows, int rowCount, FloatBuffer columns, int columnCount, int dimension, FloatBuffer out);

    /**
     * One pass over a row-major {@code rows x columns} matrix: per row its maximum and the first
     * column holding it (-1 without columns), and the positions {@code r * columns + c} of every
     * value {@code >= gates[c]}, row by row, into {@code hits} as far as it has room. Returns how
     * many such values there are.
     */
    long scanRows(FloatBuffer matrix, int rows, int columns, FloatBuffer gates, FloatBuffer best, IntBuffer firstBest,
            IntBuffer hits);
}
