package org.clipdg.core.embedding;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * A read-only {@code List<Float>} over a {@code float[]}: Avro takes an embedding as a list, and a
 * shard of embeddings held as boxed Floats would cost five times the memory.
 */
public final class FloatArrayList extends AbstractList<Float> implements RandomAccess {
    private final float[] values;

    public FloatArrayList(float[] values) {
        this.values = values;
    }

    @Override
    public Float get(int index) {
        return values[index];
    }

    @Override
    public int size() {
        return values.length;
    }

}
