package org.clipdg.similarity;

import java.nio.FloatBuffer;

/** The similarity kernel: all inner products of two sets of row-major vectors. */
@FunctionalInterface
public interface InnerProducts {
    /**
     * Sets {@code out[i * columnCount + j]} to the inner product of row {@code i} of {@code rows}
     * and row {@code j} of {@code columns}; buffers are read from index 0.
     */
    void compute(FloatBuffer rows, int rowCount, FloatBuffer columns, int columnCount, int dimension, FloatBuffer out);
}
