package org.clipdg.embed.cliprt;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Reads a 2-D float32 or float16 .npy file row by row as floats, a chunk of rows at a time. */
final class NpyReader implements Closeable {
    private static final int CHUNK_BYTES = 1 << 20;

    private final Path file;
    private final FileChannel channel;
    private final NpyHeader header;
    private final ByteBuffer chunk;
    private long position;
    private long rowsRead;

    private NpyReader(Path file, FileChannel channel, NpyHeader header) {
        this.file = file;
        this.channel = channel;
        this.header = header;
        long rowBytes = (long) header.columns() * header.dtype().bytes;
        int rowsPerChunk = (int) Math.max(1, Math.min(header.rows(), CHUNK_BYTES / rowBytes));
        this.chunk = ByteBuffer.allocate(Math.toIntExact(rowsPerChunk * rowBytes)).order(ByteOrder.LITTLE_ENDIAN).flip();
        this.position = header.dataOffset();
    }

    /** Opens {@code file} and checks that it holds exactly the data its header announces. */
    static NpyReader open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            NpyHeader header = NpyHeader.read(file, channel);
            long found = channel.size() - header.dataOffset();
            if (found != header.dataBytes()) {
                String problem = found < header.dataBytes() ? "truncated data" : "trailing bytes after the data";
                throw new IOException(file + ": " + problem + ": expected " + header.dataBytes() + " bytes for shape ("
                        + header.rows() + ", " + header.columns() + ") of " + header.dtype().descr + ", found " + found);
            }
            return new NpyReader(file, channel, header);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    NpyHeader header() {
        return header;
    }

    /** Reads the next row into {@code row} (of length columns); false once every row has been read. */
    boolean next(float[] row) throws IOException {
        if (row.length != header.columns()) {
            throw new IllegalArgumentException(file + ": rows have " + header.columns() + " values, buffer has " + row.length);
        }
        if (rowsRead == header.rows()) {
            return false;
        }
        if (!chunk.hasRemaining()) {
            refill();
        }
        for (int i = 0; i < row.length; i++) {
            row[i] = header.dtype().get(chunk);
        }
        rowsRead++;
        return true;
    }

    private void refill() throws IOException {
        long remaining = header.dataOffset() + header.dataBytes() - position;
        chunk.clear().limit((int) Math.min(chunk.capacity(), remaining));
        while (chunk.hasRemaining()) {
            int read = channel.read(chunk, position);
            if (read < 0) {
                throw new IOException(file + ": truncated data: expected " + header.dataBytes() + " bytes, found "
                        + (position - header.dataOffset()) + " (did the file change while being read?)");
            }
            position += read;
        }
        chunk.flip();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
