package org.clipdg.faiss;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;

/** Row-major float vectors in a {@link FloatBuffer} (position to limit), as FAISS reads them. */
final class NativeVectors {

    static {
        // Pointers need JavaCPP's own natives, which come with the library: load it before the first one.
        NativeLibrary.load();
    }

    private NativeVectors() {}

    /** Number of rows, after checking that the buffer holds whole vectors. */
    static long rows(FloatBuffer vectors, int dimension, String what) {
        if (vectors == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        int floats = vectors.remaining();
        if (floats % dimension != 0) {
            throw new IllegalArgumentException(what + ": " + floats
                    + " floats is not a whole number of vectors of dimension " + dimension);
        }
        return floats / dimension;
    }

    /**
     * Native memory holding the buffer's remaining floats. A direct buffer is used in place
     * (a memory-mapped file stays mapped, not copied); a heap buffer is copied. Close the
     * result when FAISS is done with it: it frees the copy, never the caller's buffer.
     */
    static FloatPointer pointer(FloatBuffer vectors, String what) {
        if (vectors.isDirect()) {
            if (vectors.order() != ByteOrder.nativeOrder()) {
                throw new IllegalArgumentException(what + ": a direct buffer must be in native byte order ("
                        + ByteOrder.nativeOrder() + "), not " + vectors.order()
                        + "; call ByteBuffer.order(ByteOrder.nativeOrder()) before asFloatBuffer()");
            }
            // Wrap a slice, whose position is 0: for a direct FloatBuffer at position p, JavaCPP
            // 1.5.14's FloatPointer(FloatBuffer) ends up p bytes, not p floats, past the start.
            return new FloatPointer(vectors.slice());
        }
        FloatPointer copy = new FloatPointer(Math.max(1, vectors.remaining()));
        copy.asBuffer().put(vectors.duplicate());
        return copy;
    }
}
