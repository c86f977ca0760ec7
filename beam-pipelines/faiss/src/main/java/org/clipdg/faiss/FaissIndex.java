package org.clipdg.faiss;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;
import org.clipdg.faiss.jni.FaissLibrary;
import org.clipdg.faiss.jni.NativeIndex;
import org.clipdg.faiss.jni.ParameterSpace;
import org.clipdg.faiss.jni.RangeSearchResult;

/**
 * A FAISS index over inner products (cosine similarity for unit vectors).
 *
 * <p>Vectors travel in {@link FloatBuffer}s: {@code n * dimension()} floats, row-major, from
 * the buffer's position to its limit (the position is left unchanged). Direct buffers in
 * native byte order, a memory-mapped file's included, are read in place; heap buffers are
 * copied once. Ids are the vectors' order of addition, from 0. JavaCPP counts the native
 * memory it allocates here (results, heap-buffer copies) against
 * {@code org.bytedeco.javacpp.maxBytes} (default: the maximum Java heap); the index's own
 * memory is FAISS's and is not counted.
 *
 * <p>Thread safety: FAISS allows concurrent searches on one index (search is const in C++),
 * but not a search concurrent with add, train or close. The project calls each index from a
 * single thread, and this class does not synchronise.
 */
public final class FaissIndex implements AutoCloseable {
    static {
        NativeLibrary.load();
    }


    private NativeIndex index;

    private FaissIndex(NativeIndex index) {
        this.index = index;
    }

    /**
     * A new, empty index described by a FAISS index_factory string: "Flat" is exact search;
     * e.g. "IVF1024,Flat", "IVF256,PQ32" or "HNSW32" are approximate ("IVF" and "PQ" need
     * {@link #train} first).
     */
    public static FaissIndex create(String factory, int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be at least 1, was " + dimension);
        }
        if (factory == null || factory.isBlank()) {
            throw new IllegalArgumentException("index factory string must not be empty");
        }
        return new FaissIndex(NativeCalls.get(() ->
                FaissLibrary.index_factory(dimension, factory, FaissLibrary.METRIC_INNER_PRODUCT)));
    }

    /** An index written by {@link #write}; it must use the inner-product metric. */
    public static FaissIndex read(Path file) {
        NativeIndex index = NativeCalls.get(() -> FaissLibrary.read_index(file.toString()));
        if (index.metric_type() != FaissLibrary.METRIC_INNER_PRODUCT) {
            int metric = index.metric_type();
            FaissLibrary.delete_index(index);
            throw new FaissException(file + ": index uses FAISS metric " + metric
                    + ", not inner product (" + FaissLibrary.METRIC_INNER_PRODUCT + ")");
        }
        return new FaissIndex(index);
    }

    /**
     * Writes the index to {@code file.partial} next to {@code file} (the project's name for
     * unfinished outputs), then renames it into place, so a killed writer never leaves a
     * truncated index under the final name.
     */
    public void write(Path file) {
        NativeIndex open = open();
        Path target = file.toAbsolutePath();
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            try {
                NativeCalls.run(() -> FaissLibrary.write_index(open, partial.toString()));
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write index to " + target, e);
        }
    }

    public int dimension() {
        return open().d();
    }

    /** Number of vectors added. */
    public long size() {
        return open().ntotal();
    }

    public boolean isTrained() {
        return open().is_trained();
    }

    /** Trains an approximate index (k-means for IVF, codebooks for PQ); Flat needs none. */
    public void train(FloatBuffer vectors) {
        NativeIndex open = open();
        long rows = NativeVectors.rows(vectors, open.d(), "training vectors");
        try (FloatPointer x = NativeVectors.pointer(vectors, "training vectors")) {
            NativeCalls.run(() -> open.train(rows, x));
        }
    }

    public void add(FloatBuffer vectors) {
        NativeIndex open = open();
        long rows = NativeVectors.rows(vectors, open.d(), "vectors");
        if (rows == 0) {
            return;
        }
        try (FloatPointer x = NativeVectors.pointer(vectors, "vectors")) {
            NativeCalls.run(() -> open.add(rows, x));
        }
    }

    /** The {@code k} most similar indexed vectors of each query; see {@link Neighbours} for padding. */
    public Neighbours search(FloatBuffer queries, int k) {
        NativeIndex open = open();
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, was " + k);
        }
        long rows = NativeVectors.rows(queries, open.d(), "queries");
        long results = rows * k;
        if (results > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(rows + " queries x k=" + k + " results do not fit in a Java array");
        }
        if (rows == 0) {
            return new Neighbours(0, k, new float[0], new long[0]);
        }
        float[] similarities = new float[(int) results];
        long[] ids = new long[(int) results];
        try (FloatPointer x = NativeVectors.pointer(queries, "queries");
                FloatPointer nativeSimilarities = new FloatPointer(results);
                LongPointer nativeIds = new LongPointer(results)) {
            NativeCalls.run(() -> open.search(rows, x, k, nativeSimilarities, nativeIds));
            nativeSimilarities.get(similarities);
            nativeIds.get(ids);
        }
        return new Neighbours((int) rows, k, similarities, ids);
    }

    /** Every indexed vector whose inner product with a query is greater than {@code radius}. */
    public RangeResult rangeSearch(FloatBuffer queries, float radius) {
        NativeIndex open = open();
        long rows = NativeVectors.rows(queries, open.d(), "queries");
        if (rows == 0) {
            return new RangeResult(new long[1], new long[0], new float[0]);
        }
        try (FloatPointer x = NativeVectors.pointer(queries, "queries");
                RangeSearchResult result = new RangeSearchResult(rows)) {
            NativeCalls.run(() -> open.range_search(rows, x, radius, result));
            long[] limits = new long[Math.toIntExact(rows + 1)];
            result.lims().get(limits);
            int matches = Math.toIntExact(limits[limits.length - 1]);
            long[] ids = new long[matches];
            float[] similarities = new float[matches];
            if (matches > 0) {
                result.labels().get(ids);
                result.distances().get(similarities);
            }
            return new RangeResult(limits, ids, similarities);
        }
    }

    /**
     * Sets a search-time parameter through FAISS's ParameterSpace, e.g. "nprobe" (IVF) or
     * "efSearch" (HNSW). FAISS rejects a parameter the index does not have.
     */
    public void setSearchParameter(String name, double value) {
        NativeIndex open = open();
        try (ParameterSpace space = new ParameterSpace()) {
            NativeCalls.run(() -> space.set_index_parameter(open, name, value));
        }
    }

    /** Frees the native index; later calls fail. Closing twice is harmless. */
    @Override
    public void close() {
        if (index != null) {
            FaissLibrary.delete_index(index);
            index = null;
        }
    }

    private NativeIndex open() {
        if (index == null) {
            throw new IllegalStateException("index is closed");
        }
        return index;
    }
}
