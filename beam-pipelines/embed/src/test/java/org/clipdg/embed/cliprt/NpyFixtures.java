package org.clipdg.embed.cliprt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.clipdg.core.AtomicFiles;

/** Writes and reads whole small .npy files for tests, and builds raw ones byte by byte. */
final class NpyFixtures {
    private NpyFixtures() {}

    static void write(Path file, float[][] rows, int columns) throws IOException {
        Files.createDirectories(file.getParent());
        AtomicFiles.write(file, out -> {
            NpyWriter writer = new NpyWriter(file, out, rows.length, columns);
            for (float[] row : rows) {
                writer.append(row);
            }
            writer.finish();
        });
    }

    static float[][] read(Path file) throws IOException {
        List<float[]> rows = new ArrayList<>();
        try (NpyReader reader = NpyReader.open(file)) {
            float[] row = new float[reader.header().columns()];
            while (reader.next(row)) {
                rows.add(row.clone());
            }
        }
        return rows.toArray(float[][]::new);
    }

    /** A .npy file of format {@code major}.0 with {@code dict} padded by spaces and a newline to a 64-byte boundary. */
    static byte[] raw(int major, String dict, byte[] data) {
        int lengthBytes = major == 1 ? 2 : 4;
        int unpadded = 8 + lengthBytes + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ByteBuffer prefix = ByteBuffer.allocate(8 + lengthBytes).order(ByteOrder.LITTLE_ENDIAN);
        prefix.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            prefix.putShort((short) header.length());
        } else {
            prefix.putInt(header.length());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(prefix.array());
        bytes.writeBytes(header.getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(data);
        return bytes.toByteArray();
    }

    static byte[] littleEndianFloats(float... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            buffer.putFloat(value);
        }
        return buffer.array();
    }

    static byte[] littleEndianShorts(int... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int value : values) {
            buffer.putShort((short) value);
        }
        return buffer.array();
    }
}
