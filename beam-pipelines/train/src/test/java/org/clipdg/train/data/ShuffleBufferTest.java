package org.clipdg.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShuffleBufferTest {
    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    private static List<Integer> drain(Iterator<Integer> iterator) {
        List<Integer> out = new ArrayList<>();
        iterator.forEachRemaining(out::add);
        return out;
    }

    @Test
    void emitsEveryItemOnceAndNeverBuffersMoreThanItsSize() {
        int[] pulled = {0};
        Iterator<Integer> source = range(1000).iterator();
        Iterator<Integer> counting = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return source.hasNext();
            }

            @Override
            public Integer next() {
                pulled[0]++;
                return source.next();
            }
        };
        ShuffleBuffer<Integer> buffer = new ShuffleBuffer<>(counting, 16, new SplittableRandom(1));
        List<Integer> out = new ArrayList<>();
        while (buffer.hasNext()) {
            out.add(buffer.next());
            assertTrue(pulled[0] - out.size() <= 16, "buffered " + (pulled[0] - out.size()));
        }
        assertEquals(range(1000), out.stream().sorted().toList());
        assertNotEquals(range(1000), out);
    }

    @Test
    void sameRandomSameOrderAndSizeOneKeepsInputOrder() {
        assertEquals(drain(new ShuffleBuffer<>(range(100).iterator(), 10, new SplittableRandom(5))),
                drain(new ShuffleBuffer<>(range(100).iterator(), 10, new SplittableRandom(5))));
        assertEquals(range(50), drain(new ShuffleBuffer<>(range(50).iterator(), 1, new SplittableRandom(5))));
        assertEquals(List.of(), drain(new ShuffleBuffer<>(range(0).iterator(), 4, new SplittableRandom(5))));
        assertThrows(IllegalArgumentException.class, () -> new ShuffleBuffer<>(range(1).iterator(), 0, new SplittableRandom(5)));
    }

    @Test
    void bufferLargerThanInputShufflesEverything() {
        List<Integer> out = drain(new ShuffleBuffer<>(range(20).iterator(), 100, new SplittableRandom(3)));
        assertEquals(range(20), out.stream().sorted().toList());
        assertNotEquals(range(20), out);
    }
}
