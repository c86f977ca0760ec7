package org.clipdg.prune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Which splits to make: the rules and their parameters. */
public record SplitPlan(boolean matched, List<TargetSize> sizes, List<String> scoreSets, long seed,
        SemanticDeduplication.Settings dedup) {
    public static final String ALL = "all";

    /** A split to write: its file name, the rule, its parameters in words, and the pool positions it keeps. */
    public record Split(String name, String rule, String parameters, int[] kept) {}

    /** @param dedupKept pool positions deduplication keeps, or null without deduplication */
    public List<Split> splits(PoolScores pool, int[] dedupKept) {
        List<Split> splits = new ArrayList<>();
        int[] everything = java.util.stream.IntStream.range(0, pool.size()).toArray();
        splits.add(new Split("all", "all", "the whole pool", everything));
        if (matched) {
            for (String test : pool.testSets()) {
                splits.add(new Split("similarity_matched-" + test, "similarity_matched", "test sets: " + test,
                        PruningRules.similarityMatched(pool, List.of(test))));
            }
            splits.add(new Split("similarity_matched-combined", "similarity_matched", "test sets: " + String.join("+",
                    pool.testSets()), PruningRules.similarityMatched(pool, pool.testSets())));
        }
        for (TargetSize target : sizes) {
            int size = target.resolve(pool.size());
            for (String entry : scoreSets) {
                List<String> sets = entry.equals(ALL) ? pool.testSets() : Arrays.asList(entry.split("\\+"));
                String parameters = "test sets: " + String.join("+", sets) + "; size: " + size;
                splits.add(new Split("near-" + entry + "-" + size, "near", parameters, PruningRules.nearPruned(pool, sets, size)));
                splits.add(new Split("far-" + entry + "-" + size, "far", parameters, PruningRules.farPruned(pool, sets, size)));
            }
            splits.add(new Split("random-" + size, "random", "seed: " + seed + "; size: " + size,
                    PruningRules.random(pool, size, seed)));
        }
        if (dedup != null) {
            splits.add(new Split("dedup-" + dedup.eps(), "semdedup", String.format(java.util.Locale.ROOT,
                    "eps: %s; clusters: %s; iterations: %d; seed: %d", dedup.eps(),
                    dedup.clusters() > 0 ? dedup.clusters() : "1 per 1000 samples", dedup.iterations(), dedup.seed()), dedupKept));
        }
        return splits;
    }
}
