package org.clipdg.embed.cliprt;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/** Streams a 2-D little-endian float32 .npy file of a known shape, row by row, into an output stream. */
final class NpyWriter {
    private final Path file;
    private final OutputStream out;
    private final long rows;
    private final ByteBuffer row;
    private long rowsWritten;

    /** Writes the header at once; {@code file} is only used in error messages. */
    NpyWriter(Path file, OutputStream out, long rows, int columns) throws IOException {
        this.file = file;
        this.out = out;
        this.rows = rows;
        this.row = ByteBuffer.allocate(Math.multiplyExact(columns, NpyDtype.FLOAT32.bytes)).order(ByteOrder.LITTLE_ENDIAN);
        out.write(NpyHeader.float32(rows, columns));
    }

    void append(float[] values) throws IOException {
        if (values.length * NpyDtype.FLOAT32.bytes != row.capacity()) {
            throw new IllegalArgumentException(file + ": row " + rowsWritten + " has " + values.length + " values, expected "
                    + row.capacity() / NpyDtype.FLOAT32.bytes);
        }
        if (rowsWritten == rows) {
            throw new IllegalStateException(file + ": more rows than the " + rows + " announced in the header");
        }
        row.clear();
        for (float value : values) {
            row.putFloat(value);
        }
        out.write(row.array());
        rowsWritten++;
    }

    /** Checks that every announced row was written. */
    void finish() {
        if (rowsWritten != rows) {
            throw new IllegalStateException(file + ": wrote " + rowsWritten + " rows, the header announces " + rows);
        }
    }
}
