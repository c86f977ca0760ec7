package org.clipdg.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ChunkTest {
    private static List<List<Long>> split(List<Long> weights, int count) {
        List<List<Long>> parts = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            parts.add(new Chunk(index, count).select(weights, Long::longValue));
        }
        return parts;
    }

    @Test
    void partsAreContiguousCoverEveryUnitOnceAndBalanceTheWeight() {
        assertEquals(List.of(List.of(100L), List.of(100L), List.of(100L, 20L)), split(List.of(100L, 100L, 100L, 20L), 3));
        assertEquals(List.of(List.of(100L, 44L, 100L), List.of(100L, 100L, 20L)), split(List.of(100L, 44L, 100L, 100L, 100L, 20L), 2));
        assertEquals(List.of(List.of(5L), List.of(), List.of(7L)), split(List.of(5L, 7L), 3), "more parts than units: some empty");
        assertEquals(List.of(List.of(3L), List.of(4L, 0L, 0L)), split(List.of(3L, 4L, 0L, 0L), 2), "a unit goes where its centre is");
        assertEquals(List.of(List.of(0L, 0L), List.of()), split(List.of(0L, 0L), 2));
        assertEquals(List.of(List.of(9L, 1L)), split(List.of(9L, 1L), 1));
    }

    @Test
    void chunksAreWrittenIndexSlashCountFromZero() {
        assertEquals(new Chunk(2, 3), Chunk.parse("2/3"));
        assertEquals("2/3", new Chunk(2, 3).toString());
        for (String bad : List.of("3/3", "-1/2", "1", "a/b", "1/0")) {
            assertThrows(IllegalArgumentException.class, () -> Chunk.parse(bad), bad);
        }
    }

    @Test
    void resultsOfEveryChunkComeBackInOrderOrTheErrorSaysWhichAreMissing() {
        Function<String, Chunk> chunkOf = name -> Chunk.parse(name.substring(name.indexOf(':') + 1));
        assertEquals(List.of("a:0/3", "b:1/3", "c:2/3"), Chunk.inOrder(List.of("c:2/3", "a:0/3", "b:1/3"), chunkOf, n -> n, "test"));
        assertEquals("test chunk(s) [1] of 3 missing", assertThrows(IllegalArgumentException.class,
                () -> Chunk.inOrder(List.of("c:2/3", "a:0/3"), chunkOf, n -> n, "test")).getMessage());
        assertEquals("test chunk 0/3 given twice: a:0/3 and b:0/3", assertThrows(IllegalArgumentException.class,
                () -> Chunk.inOrder(List.of("a:0/3", "b:0/3"), chunkOf, n -> n, "test")).getMessage());
        assertEquals("b:1/2 is test chunk 1/2, a:0/3 chunk 0/3: chunks of different splits", assertThrows(IllegalArgumentException.class,
                () -> Chunk.inOrder(List.of("a:0/3", "b:1/2"), chunkOf, n -> n, "test")).getMessage());
    }
}
