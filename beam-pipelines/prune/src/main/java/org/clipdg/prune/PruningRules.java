package org.clipdg.prune;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.clipdg.core.split.SeededOrder;

/**
 * The pruning rules of docs/science.md ("Pruning"), as the pool positions each rule keeps. Every order is
 * total (ties broken by dataset, then key), so a rule's result never depends on input order.
 */
public final class PruningRules {
    private PruningRules() {}

    /** Similarity-matched pruning: removes x if, for one of {@code testSets}, some q has sim(q, x) > t(q). */
    public static int[] similarityMatched(PoolScores pool, List<String> testSets) {
        int[] sets = indices(pool, testSets);
        return IntStream.range(0, pool.size())
                .filter(x -> Arrays.stream(sets).noneMatch(t -> pool.matched()[t][x]))
                .toArray();
    }

    /** s(x) = max over the chosen test sets of the max similarity to the set. */
    public static float[] score(PoolScores pool, List<String> testSets) {
        int[] sets = indices(pool, testSets);
        float[] scores = new float[pool.size()];
        Arrays.fill(scores, Float.NEGATIVE_INFINITY);
        for (int t : sets) {
            for (int x = 0; x < scores.length; x++) {
                scores[x] = Math.max(scores[x], pool.scores()[t][x]);
            }
        }
        return scores;
    }

    /** "near-pruned N": keeps the N samples with the lowest score (the nearest to the test sets go). */
    public static int[] nearPruned(PoolScores pool, List<String> testSets, int n) {
        float[] scores = score(pool, testSets);
        return firstN(pool, n, Comparator.comparingDouble((Integer x) -> scores[x]));
    }

    /** "far-pruned N": keeps the N samples with the highest score. */
    public static int[] farPruned(PoolScores pool, List<String> testSets, int n) {
        float[] scores = score(pool, testSets);
        return firstN(pool, n, Comparator.comparingDouble((Integer x) -> -scores[x]));
    }

    /** A random subset of N, seeded: samples ordered by SHA-256 of (seed, dataset, key). */
    public static int[] random(PoolScores pool, int n, long seed) {
        String[] order = new String[pool.size()];
        for (int x = 0; x < order.length; x++) {
            order[x] = SeededOrder.rank(seed, pool.datasets()[x], pool.keys()[x]);
        }
        return firstN(pool, n, Comparator.comparing((Integer x) -> order[x]));
    }

    private static int[] firstN(PoolScores pool, int n, Comparator<Integer> order) {
        if (n < 0 || n > pool.size()) {
            throw new IllegalArgumentException("target size " + n + " is not between 0 and the pool size " + pool.size());
        }
        Comparator<Integer> total = order.thenComparing(x -> pool.datasets()[x]).thenComparing(x -> pool.keys()[x]);
        return IntStream.range(0, pool.size()).boxed().sorted(total).limit(n).mapToInt(Integer::intValue).sorted().toArray();
    }

    private static int[] indices(PoolScores pool, List<String> testSets) {
        if (testSets.isEmpty()) {
            throw new IllegalArgumentException("a rule needs at least one test set");
        }
        return testSets.stream().mapToInt(pool::testSet).toArray();
    }
}
