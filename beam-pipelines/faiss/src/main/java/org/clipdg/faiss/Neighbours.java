package org.clipdg.faiss;

/**
 * The k best matches of each query, row-major: query {@code q}'s i-th match is at
 * {@code q * k + i}, most similar first.
 *
 * <p>When the index has fewer than k vectors (or an approximate index finds fewer), FAISS
 * pads the row with id {@code -1} and a similarity of {@code -Float.MAX_VALUE}.
 *
 * @param similarities inner products, {@code queries * k} of them
 * @param ids the matched vectors' ids (their order of addition, from 0), or -1 for padding
 */
public record Neighbours(int queries, int k, float[] similarities, long[] ids) {

    public Neighbours {
        if (similarities.length != (long) queries * k || ids.length != (long) queries * k) {
            throw new IllegalArgumentException("expected " + queries + " x " + k + " results, got "
                    + similarities.length + " similarities and " + ids.length + " ids");
        }
    }

    public long id(int query, int rank) {
        return ids[query * k + rank];
    }

    public float similarity(int query, int rank) {
        return similarities[query * k + rank];
    }
}
