package org.clipdg.embed.cliprt;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/** The element types of .npy files we read: little-endian float32 and float16. */
enum NpyDtype {
    FLOAT32("<f4", 4) {
        @Override
        float get(ByteBuffer buffer) {
            return buffer.getFloat();
        }
    },
    FLOAT16("<f2", 2) {
        @Override
        float get(ByteBuffer buffer) {
            return Float16.toFloat(buffer.getShort());
        }
    };

    final String descr;
    final int bytes;

    NpyDtype(String descr, int bytes) {
        this.descr = descr;
        this.bytes = bytes;
    }

    /** Reads one element from a little-endian buffer as a float. */
    abstract float get(ByteBuffer buffer);

    static Optional<NpyDtype> of(String descr) {
        return Arrays.stream(values()).filter(dtype -> dtype.descr.equals(descr)).findFirst();
    }
}
