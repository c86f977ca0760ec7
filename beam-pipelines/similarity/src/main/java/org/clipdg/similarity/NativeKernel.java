package org.clipdg.similarity;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import org.clipdg.faiss.Faiss;

/** The kernel in native code: BLAS sgemm (the call FAISS's exact search makes) and an SSE scan of the products. */
final class NativeKernel implements SimilarityKernel {
    private NativeKernel() {}

    static NativeKernel withThreads(int threads) {
        Faiss.setThreads(threads);
        return new NativeKernel();
    }

    @Override
    public void innerProducts(FloatBuffer rows, int rowCount, FloatBuffer columns, int columnCount, int dimension, FloatBuffer out) {
        Faiss.innerProducts(rows, rowCount, columns, columnCount, dimension, out);
    }

    @Override
    public long scanRows(FloatBuffer matrix, int rows, int columns, FloatBuffer gates, FloatBuffer best, IntBuffer firstBest,
            IntBuffer hits) {
        return Faiss.scanRows(matrix, rows, columns, gates, best, firstBest, hits);
    }
}
