package org.clipdg.train.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * WebDataset-style streaming shuffle: holds at most {@code size} items; each output is a random
 * buffered item, replaced by the next input. Size 1 keeps the input order.
 */
final class ShuffleBuffer<T> implements Iterator<T> {
    private final Iterator<T> source;
    private final Object[] buffer;
    private final SplittableRandom random;
    private int filled;

    ShuffleBuffer(Iterator<T> source, int size, SplittableRandom random) {
        if (size < 1) {
            throw new IllegalArgumentException("shuffle buffer size must be >= 1, got " + size);
        }
        this.source = source;
        this.buffer = new Object[size];
        this.random = random;
    }

    @Override
    public boolean hasNext() {
        return filled > 0 || source.hasNext();
    }

    @Override
    public T next() {
        while (filled < buffer.length && source.hasNext()) {
            buffer[filled++] = source.next();
        }
        if (filled == 0) {
            throw new NoSuchElementException();
        }
        int pick = random.nextInt(filled);
        @SuppressWarnings("unchecked")
        T item = (T) buffer[pick];
        if (source.hasNext()) {
            buffer[pick] = source.next();
        } else {
            buffer[pick] = buffer[--filled];
            buffer[filled] = null;
        }
        return item;
    }
}
