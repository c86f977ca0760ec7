package org.clipdg.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Part {@code index} of {@code count} (from 0) of an ordered list of weighted units, such as the
 * shards of a dataset: the parts are contiguous and of about equal weight, and every task that
 * knows the list and its own part computes the same split. Unit u belongs to the part its centre
 * falls in: floor(count x (weight before u + half the weight of u) / total weight), the last part
 * at most; with no weight at all, every unit is in part 0.
 */
public record Chunk(int index, int count) {
    /** The whole list as one part. */
    public static final Chunk WHOLE = new Chunk(0, 1);

    public Chunk {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("a chunk is INDEX/COUNT with 0 <= INDEX < COUNT, got " + index + "/" + count);
        }
    }

    /** {@code "I/N"}, as {@link #toString()} writes it. */
    public static Chunk parse(String text) {
        String[] parts = text.trim().split("/", -1);
        try {
            if (parts.length == 2) {
                return new Chunk(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("a chunk is INDEX/COUNT (e.g. 0/3, from 0), got '" + text + "'");
    }

    /** The units of this part, in their order. */
    public <T> List<T> select(List<T> units, ToLongFunction<T> weight) {
        long total = 0;
        for (T unit : units) {
            total += weight.applyAsLong(unit);
        }
        List<T> selected = new ArrayList<>();
        long before = 0;
        for (T unit : units) {
            long own = weight.applyAsLong(unit);
            long part = total == 0 ? 0 : Math.min(count - 1, Math.multiplyExact(count, 2 * before + own) / (2 * total));
            if (part == index) {
                selected.add(unit);
            }
            before += own;
        }
        return selected;
    }

    /**
     * The results of the chunks of one split, ordered by index; fails unless they are every chunk
     * of the same count exactly once. Errors call them {@code kind} chunks and name each by {@code name}.
     */
    public static <T> List<T> inOrder(List<T> parts, Function<T, Chunk> chunkOf, Function<T, String> name, String kind) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no " + kind + " chunks given");
        }
        Chunk first = chunkOf.apply(parts.get(0));
        List<T> ordered = new ArrayList<>(Collections.nCopies(first.count(), null));
        for (T part : parts) {
            Chunk chunk = chunkOf.apply(part);
            if (chunk.count() != first.count()) {
                throw new IllegalArgumentException(name.apply(part) + " is " + kind + " chunk " + chunk + ", "
                        + name.apply(parts.get(0)) + " chunk " + first + ": chunks of different splits");
            }
            T other = ordered.set(chunk.index(), part);
            if (other != null) {
                throw new IllegalArgumentException(kind + " chunk " + chunk + " given twice: " + name.apply(other) + " and "
                        + name.apply(part));
            }
        }
        List<Integer> missing = new ArrayList<>();
        for (int index = 0; index < ordered.size(); index++) {
            if (ordered.get(index) == null) {
                missing.add(index);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(kind + " chunk(s) " + missing + " of " + first.count() + " missing");
        }
        return ordered;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
