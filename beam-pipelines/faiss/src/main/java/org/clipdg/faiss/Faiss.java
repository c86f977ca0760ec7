package org.clipdg.faiss;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.clipdg.faiss.jni.Clustering;
import org.clipdg.faiss.jni.ClusteringParameters;
import org.clipdg.faiss.jni.FaissLibrary;
import org.clipdg.faiss.jni.IndexFlat;
import org.clipdg.faiss.jni.IndexFlatIP;
import org.clipdg.faiss.jni.IndexFlatL2;

/**
 * Library-wide FAISS settings and k-means. The JNI library is loaded by JavaCPP on first
 * use of any native call, once per class loader.
 */
public final class Faiss {
    static {
        NativeLibrary.load();
    }


    private Faiss() {}

    /**
     * Threads for FAISS calls made from the calling Java thread (OpenMP keeps this setting per
     * thread; others get OMP_NUM_THREADS or all cores) and for OpenBLAS, whose pool is shared.
     * Set OMP_WAIT_POLICY=PASSIVE in the environment too, or idle OpenMP threads spin and slow
     * the BLAS threads down.
     */
    public static void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        FaissLibrary.set_threads(threads);
    }

    /** Threads an OpenMP region started from the calling thread would use. */
    public static int threads() {
        return FaissLibrary.max_threads();
    }

    /** Version of the FAISS headers the JNI library was built against, e.g. "1.7.3". */
    public static String version() {
        return FaissLibrary.FAISS_VERSION_MAJOR + "." + FaissLibrary.FAISS_VERSION_MINOR + "."
                + FaissLibrary.FAISS_VERSION_PATCH;
    }

    /**
     * All inner products of two sets of row-major vectors with one BLAS sgemm, the routine exact
     * FAISS search runs on: {@code out[i * columnCount + j]} = row {@code i} of {@code rows} . row
     * {@code j} of {@code columns}. Buffers are read from their position; all three must be direct,
     * in native order, so nothing is copied.
     */
    public static void innerProducts(FloatBuffer rows, int rowCount, FloatBuffer columns, int columnCount, int dimension,
            FloatBuffer out) {
        if (rowCount < 0 || columnCount < 0 || dimension < 1) {
            throw new IllegalArgumentException("row and column counts must be >= 0 and dimension >= 1, were "
                    + rowCount + ", " + columnCount + ", " + dimension);
        }
        requireFloats(rows, (long) rowCount * dimension, "rows");
        requireFloats(columns, (long) columnCount * dimension, "columns");
        requireFloats(out, (long) rowCount * columnCount, "out");
        if (rowCount == 0 || columnCount == 0) {
            return;
        }
        try (FloatPointer x = NativeVectors.pointer(rows, "rows");
                FloatPointer y = NativeVectors.pointer(columns, "columns");
                FloatPointer products = NativeVectors.pointer(out, "out")) {
            NativeCalls.run(() -> FaissLibrary.inner_products(x, rowCount, y, columnCount, dimension, products));
        }
    }

    /**
     * One native (SSE) pass over a row-major {@code rows x columns} matrix (from its position): per
     * row its maximum into {@code best} and the first column holding it into {@code firstBest} (-1
     * without columns); and the positions {@code r * columns + c} of every value {@code >= gates[c]},
     * row by row, into {@code hits} from its position, as many as fit. Returns how many there are:
     * if more than fit, call again with room for all. The scan the similarity step makes over every
     * block of inner products. All buffers direct; {@code rows * columns} must fit an int.
     */
    public static long scanRows(FloatBuffer matrix, int rows, int columns, FloatBuffer gates, FloatBuffer best,
            IntBuffer firstBest, IntBuffer hits) {
        if (rows < 0 || columns < 0 || (long) rows * columns > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("rows and columns must be >= 0 with rows * columns within an int, were "
                    + rows + ", " + columns);
        }
        requireFloats(matrix, (long) rows * columns, "matrix");
        requireFloats(gates, columns, "gates");
        requireFloats(best, rows, "best");
        requireInts(firstBest, rows, "firstBest");
        requireInts(hits, 0, "hits");
        if (rows == 0) {
            return 0;
        }
        try (FloatPointer m = NativeVectors.pointer(matrix, "matrix");
                FloatPointer g = NativeVectors.pointer(gates, "gates");
                FloatPointer b = NativeVectors.pointer(best, "best");
                IntPointer f = new IntPointer(firstBest.slice());
                IntPointer h = new IntPointer(hits.slice())) {
            return NativeCalls.get(() -> FaissLibrary.scan_rows(m, rows, columns, g, b, f, h, hits.remaining()));
        }
    }

    private static void requireInts(IntBuffer buffer, long ints, String what) {
        if (buffer == null || !buffer.isDirect() || buffer.order() != java.nio.ByteOrder.nativeOrder()) {
            throw new IllegalArgumentException(what + " must be a direct IntBuffer in native byte order");
        }
        if (buffer.remaining() < ints) {
            throw new IllegalArgumentException(what + ": " + buffer.remaining() + " ints remaining, " + ints + " needed");
        }
    }

    private static void requireFloats(FloatBuffer buffer, long floats, String what) {
        if (buffer == null || !buffer.isDirect()) {
            throw new IllegalArgumentException(what + " must be a direct FloatBuffer");
        }
        if (buffer.remaining() < floats) {
            throw new IllegalArgumentException(what + ": " + buffer.remaining() + " floats remaining, " + floats + " needed");
        }
    }

    /**
     * Classic k-means (Lloyd, squared L2 distance, assignment by exact IndexFlatL2 search).
     * Returns {@code clusters * dimension} centroid coordinates, row-major. Deterministic for a
     * seed and thread count. As FAISS does by default, it trains on a random sample of 256
     * vectors per cluster when given more, and warns on stderr below 39 per cluster.
     *
     * @param seed folded to FAISS's 32-bit seed with {@link Long#hashCode(long)}
     */
    public static float[] kmeans(FloatBuffer vectors, int dimension, int clusters, int iterations, long seed) {
        return cluster(vectors, dimension, clusters, iterations, seed, false);
    }

    /**
     * Spherical k-means for unit vectors: assignment by largest inner product (IndexFlatIP),
     * centroids normalised to unit length after each iteration. Otherwise as {@link #kmeans}.
     */
    public static float[] sphericalKmeans(FloatBuffer vectors, int dimension, int clusters, int iterations, long seed) {
        return cluster(vectors, dimension, clusters, iterations, seed, true);
    }

    private static float[] cluster(FloatBuffer vectors, int dimension, int clusters, int iterations, long seed,
            boolean spherical) {
        if (dimension < 1 || clusters < 1 || iterations < 1) {
            throw new IllegalArgumentException("dimension, clusters and iterations must be at least 1, were "
                    + dimension + ", " + clusters + ", " + iterations);
        }
        long rows = NativeVectors.rows(vectors, dimension, "k-means vectors");
        if (rows < clusters) {
            throw new IllegalArgumentException("k-means needs at least as many vectors as clusters: "
                    + rows + " vectors, " + clusters + " clusters");
        }
        try (ClusteringParameters parameters = new ClusteringParameters()) {
            parameters.niter(iterations).seed(Long.hashCode(seed)).verbose(false).spherical(spherical);
            try (FloatPointer x = NativeVectors.pointer(vectors, "k-means vectors");
                    Clustering clustering = new Clustering(dimension, clusters, parameters);
                    IndexFlat assignment = spherical ? new IndexFlatIP(dimension) : new IndexFlatL2(dimension)) {
                NativeCalls.run(() -> clustering.train(rows, x, assignment));
                return clustering.centroids().get();
            }
        }
    }
}
