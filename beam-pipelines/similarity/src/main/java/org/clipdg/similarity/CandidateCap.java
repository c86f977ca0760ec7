package org.clipdg.similarity;

import java.util.Arrays;

/**
 * The original code's shortcut, kept only to measure it: each query considers just its top
 * {@code cap} pool samples per chunk of the pool as removal candidates. Collects the matching
 * (query, pool row, similarity) pairs of one chunk and counts, per pool row, the matches that
 * survive the cap. Only a query's matches can be among its top candidates that match, so the
 * matches alone decide: a match outside a query's top {@code cap} matches is outside its top
 * {@code cap} candidates too.
 */
final class CandidateCap {
    private final int cap;
    private int[] queries = new int[1024];
    private int[] rows = new int[1024];
    private float[] similarities = new float[1024];
    private int size;

    CandidateCap(int cap) {
        this.cap = cap;
    }

    void add(int query, int row, float similarity) {
        if (size == queries.length) {
            queries = Arrays.copyOf(queries, size * 2);
            rows = Arrays.copyOf(rows, size * 2);
            similarities = Arrays.copyOf(similarities, size * 2);
        }
        queries[size] = query;
        rows[size] = row;
        similarities[size] = similarity;
        size++;
    }

    /**
     * Per row of the chunk, its matches within the cap; {@code keys[row]} orders equal similarities
     * (dataset and key of the row, compared as one string). Clears the chunk.
     */
    int[] withinCap(int rowCount, String[] keys) {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> queries[a] != queries[b] ? Integer.compare(queries[a], queries[b])
                : similarities[a] != similarities[b] ? Float.compare(similarities[b], similarities[a])
                : keys[rows[a]].compareTo(keys[rows[b]]));
        int[] counts = new int[rowCount];
        int rank = 0;
        for (int i = 0; i < size; i++) {
            rank = i > 0 && queries[order[i]] == queries[order[i - 1]] ? rank + 1 : 0;
            if (rank < cap) {
                counts[rows[order[i]]]++;
            }
        }
        size = 0;
        return counts;
    }
}
