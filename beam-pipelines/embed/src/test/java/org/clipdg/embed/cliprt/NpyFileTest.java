package org.clipdg.embed.cliprt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyFileTest {
    private static final String NUMPY_2X3_DICT = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";

    @TempDir
    Path dir;

    private Path file(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private String failure(Path file) {
        return assertThrows(IOException.class, () -> NpyFixtures.read(file)).getMessage();
    }

    @Test
    void writtenRowsReadBackBitForBitAcrossChunks() throws IOException {
        Random random = new Random(7);
        float[][] rows = new float[700][512];
        for (float[] row : rows) {
            for (int d = 0; d < row.length; d++) {
                row[d] = (float) random.nextGaussian();
            }
        }
        rows[3][0] = -0.0f;
        rows[3][1] = Float.NaN;
        rows[3][2] = Float.MIN_VALUE;
        Path npy = dir.resolve("big.npy");
        NpyFixtures.write(npy, rows, 512);
        assertEquals(128 + 700L * 512 * 4, Files.size(npy));
        assertArrayEquals(rows, NpyFixtures.read(npy));
    }

    @Test
    void emptyArrayKeepsItsDimension() throws IOException {
        Path npy = dir.resolve("empty.npy");
        NpyFixtures.write(npy, new float[0][], 8);
        try (NpyReader reader = NpyReader.open(npy)) {
            assertEquals(new NpyHeader(NpyDtype.FLOAT32, 0, 8, 128), reader.header());
            assertFalse(reader.next(new float[8]));
        }
    }

    @Test
    void headerIsWhatNumpySaveWrites() throws IOException {
        byte[] data = NpyFixtures.littleEndianFloats(1, 2, 3, 4, 5, 6);
        byte[] numpy = NpyFixtures.raw(1, NUMPY_2X3_DICT, data);
        assertEquals(128 + 24, numpy.length);
        assertEquals(118, numpy[8]);
        assertArrayEquals(new float[][] {{1, 2, 3}, {4, 5, 6}}, NpyFixtures.read(file("numpy.npy", numpy)));

        Path ours = dir.resolve("ours.npy");
        NpyFixtures.write(ours, new float[][] {{1, 2, 3}, {4, 5, 6}}, 3);
        assertArrayEquals(numpy, Files.readAllBytes(ours));
    }

    @Test
    void headerPaddingAlignsDataTo64BytesForAnyShape() {
        for (long rows : new long[] {0, 1, 99, 123_456_789, Long.MAX_VALUE / 4096}) {
            byte[] header = NpyHeader.float32(rows, 768);
            assertEquals(0, header.length % 64, "rows " + rows);
            assertEquals('\n', header[header.length - 1]);
            String dict = new String(header, 10, header.length - 10, StandardCharsets.ISO_8859_1);
            assertTrue(dict.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", 768), }"), dict);
        }
    }

    @Test
    void readsVersion2And3Headers() throws IOException {
        byte[] data = NpyFixtures.littleEndianFloats(1, 2, 3, 4, 5, 6);
        for (int major : new int[] {2, 3}) {
            Path npy = file("v" + major + ".npy", NpyFixtures.raw(major, NUMPY_2X3_DICT, data));
            assertArrayEquals(new float[][] {{1, 2, 3}, {4, 5, 6}}, NpyFixtures.read(npy), "version " + major);
        }
    }

    @Test
    void readsFloat16AsExactFloats() throws IOException {
        byte[] data = NpyFixtures.littleEndianShorts(0x3c00, 0x0001, 0x8000, 0x7c00, 0xfc00, 0x7e00);
        Path npy = file("half.npy", NpyFixtures.raw(1, "{'descr': '<f2', 'fortran_order': False, 'shape': (2, 3), }", data));
        float[][] rows = NpyFixtures.read(npy);
        assertArrayEquals(new float[] {1.0f, 0x1p-24f, -0.0f}, rows[0]);
        assertArrayEquals(new float[] {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN}, rows[1]);
    }

    @Test
    void truncatedDataNamesExpectedAndFoundBytes() throws IOException {
        byte[] whole = NpyFixtures.raw(1, NUMPY_2X3_DICT, NpyFixtures.littleEndianFloats(1, 2, 3, 4, 5, 6));
        Path npy = file("cut.npy", Arrays.copyOf(whole, whole.length - 5));
        String message = failure(npy);
        assertTrue(message.startsWith(npy + ": truncated data: expected 24 bytes"), message);
        assertTrue(message.endsWith("found 19"), message);
    }

    @Test
    void refusesFortranOrderOtherDtypesAndOtherRanks() throws IOException {
        byte[] six = NpyFixtures.littleEndianFloats(1, 2, 3, 4, 5, 6);
        Path fortran = file("f.npy", NpyFixtures.raw(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }", six));
        assertTrue(failure(fortran).startsWith(fortran + ": array is in Fortran order"), failure(fortran));
        Path doubles = file("d.npy", NpyFixtures.raw(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", six));
        assertTrue(failure(doubles).startsWith(doubles + ": unsupported dtype '<f8'"), failure(doubles));
        Path bigEndian = file("b.npy", NpyFixtures.raw(1, "{'descr': '>f4', 'fortran_order': False, 'shape': (2, 3), }", six));
        assertTrue(failure(bigEndian).startsWith(bigEndian + ": unsupported dtype '>f4'"), failure(bigEndian));
        Path vector = file("v.npy", NpyFixtures.raw(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (6,), }", six));
        assertTrue(failure(vector).startsWith(vector + ": array has shape (6,), 1-D; expected a 2-D array"), failure(vector));
    }

    @Test
    void refusesFilesThatAreNotNpy() throws IOException {
        Path text = file("text.npy", "hello, not numpy at all".getBytes(StandardCharsets.UTF_8));
        assertTrue(failure(text).startsWith(text + ": not a .npy file (bad magic"), failure(text));
        Path tiny = file("tiny.npy", new byte[] {(byte) 0x93, 'N'});
        assertTrue(failure(tiny).startsWith(tiny + ": truncated"), failure(tiny));
    }
}
