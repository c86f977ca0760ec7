package org.clipdg.faiss;

/**
 * Every indexed vector whose inner product with a query exceeds the radius, in FAISS's
 * layout: query {@code i}'s matches are at positions {@code limits[i]} (inclusive) to
 * {@code limits[i + 1]} (exclusive) of {@code ids} and {@code similarities}, in no
 * particular order.
 *
 * @param limits {@code queries + 1} offsets, starting at 0
 */
public record RangeResult(long[] limits, long[] ids, float[] similarities) {

    public RangeResult {
        if (limits.length == 0 || limits[0] != 0 || limits[limits.length - 1] != ids.length
                || ids.length != similarities.length) {
            throw new IllegalArgumentException("inconsistent range result: " + limits.length
                    + " limits, " + ids.length + " ids, " + similarities.length + " similarities");
        }
    }

    public int queries() {
        return limits.length - 1;
    }

    /** Number of matches of query {@code query}. */
    public int count(int query) {
        return Math.toIntExact(limits[query + 1] - limits[query]);
    }
}
