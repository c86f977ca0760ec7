package org.clipdg.faiss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FaissIndexFilesTest {

    private static final int D = 24;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"Flat", "IVF8,Flat", "HNSW8"})
    void writeThenReadSearchesIdentically(String factory) throws IOException {
        float[] base = Vectors.randomUnit(1000, D, 20);
        FloatBuffer queries = Vectors.heap(Vectors.randomUnit(15, D, 21));
        Path file = dir.resolve("index.faiss");
        Neighbours before;
        try (FaissIndex index = FaissIndex.create(factory, D)) {
            index.train(Vectors.heap(base));
            index.add(Vectors.heap(base));
            if (factory.startsWith("IVF")) {
                index.setSearchParameter("nprobe", 3);
            }
            before = index.search(queries, 7);
            index.write(file);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "only the index, no .partial file");
        }
        try (FaissIndex read = FaissIndex.read(file)) {
            assertEquals(D, read.dimension());
            assertEquals(1000, read.size());
            assertTrue(read.isTrained());
            Neighbours after = read.search(queries, 7);
            assertArrayEquals(before.ids(), after.ids());
            assertArrayEquals(before.similarities(), after.similarities());
        }
    }

    @Test
    void writeReplacesAnExistingFile() throws IOException {
        Path file = dir.resolve("index.faiss");
        Files.writeString(file, "old");
        try (FaissIndex index = FaissIndex.create("Flat", D)) {
            index.add(Vectors.heap(Vectors.randomUnit(3, D, 22)));
            index.write(file);
        }
        try (FaissIndex read = FaissIndex.read(file)) {
            assertEquals(3, read.size());
        }
    }

    @Test
    void readingGarbageIsFaissError() throws IOException {
        Path file = dir.resolve("garbage.faiss");
        Files.writeString(file, "this is not a FAISS index, just some text long enough to read");
        FaissException error = assertThrows(FaissException.class, () -> FaissIndex.read(file));
        assertTrue(error.getMessage().contains("not recognized"), error.getMessage());
    }

    @Test
    void readingAMissingFileIsFaissError() {
        Path missing = dir.resolve("missing.faiss");
        FaissException error = assertThrows(FaissException.class, () -> FaissIndex.read(missing));
        assertTrue(error.getMessage().contains(missing.toString()), error.getMessage());
    }

    @Test
    void memoryMappedVectorsAreReadInPlace() throws IOException {
        float[] base = Vectors.randomUnit(500, D, 23);
        float[] queries = Vectors.randomUnit(10, D, 24);
        Path file = dir.resolve("vectors.f32");
        writeLittleEndian(file, base);

        Neighbours fromHeap;
        Neighbours fromMap;
        try (FaissIndex index = FaissIndex.create("Flat", D)) {
            index.add(Vectors.heap(base));
            fromHeap = index.search(Vectors.heap(queries), 5);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                FaissIndex index = FaissIndex.create("Flat", D)) {
            MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
            FloatBuffer vectors = mapped.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            assertTrue(vectors.isDirect());
            index.add(vectors);
            fromMap = index.search(Vectors.heap(queries), 5);
            // Queries can come from the same mapping, here rows 100..109 of the file.
            Neighbours self = index.search(vectors.duplicate().position(100 * D).limit(110 * D), 1);
            for (int q = 0; q < 10; q++) {
                assertEquals(100 + q, self.id(q, 0));
            }
        }
        assertArrayEquals(fromHeap.ids(), fromMap.ids());
        assertArrayEquals(fromHeap.similarities(), fromMap.similarities());
    }

    @Test
    void directBufferInTheWrongByteOrderIsRefused() throws IOException {
        Path file = dir.resolve("vectors.f32");
        writeLittleEndian(file, Vectors.randomUnit(4, D, 25));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                FaissIndex index = FaissIndex.create("Flat", D)) {
            FloatBuffer bigEndian = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()).asFloatBuffer();
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> index.add(bigEndian));
            assertTrue(error.getMessage().contains("native byte order"), error.getMessage());
        }
    }

    private static void writeLittleEndian(Path file, float[] values) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        Files.write(file, bytes.array());
    }
}
