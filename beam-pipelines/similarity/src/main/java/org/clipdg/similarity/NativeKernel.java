package org.clipdg.similarity;

import java.nio.FloatBuffer;
import org.clipdg.faiss.Faiss;

/** Inner products with BLAS sgemm through the FAISS JNI library: the same call FAISS's exact index makes. */
final class BlasInnerProducts implements InnerProducts {
    private BlasInnerProducts() {}

    static BlasInnerProducts withThreads(int threads) {
        Faiss.setThreads(threads);
        return new BlasInnerProducts();
    }

    @Override
    public void compute(FloatBuffer rows, int rowCount, FloatBuffer columns, int columnCount, int dimension, FloatBuffer out) {
        Faiss.innerProducts(rows, rowCount, columns, columnCount, dimension, out);
    }
}
