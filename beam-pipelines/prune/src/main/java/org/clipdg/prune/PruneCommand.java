package org.clipdg.prune;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "prune", mixinStandardHelpOptions = true,
        description = {"Splits of the training pool from the similarity step's scores (docs/science.md, 'Pruning'), each a"
                + " deterministic whitelist: similarity-matched pruning per test set and combined; near- and far-pruned"
                + " to target sizes; random subsets of the same sizes; and the unpruned pool.",
                "Writes splits/<name>.tsv, splits.tsv and manifest.json (last)."})
public final class PruneCommand implements Callable<Integer> {
    @Option(names = "--similarity", required = true, paramLabel = "DIR", description = "Output folder of the similarity step.")
    Path similarity;

    @Option(names = "--out", required = true, paramLabel = "DIR")
    Path out;

    @Option(names = "--matched", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Similarity-matched splits (needs a reference set in the similarity step). Default: ${DEFAULT-VALUE}.")
    boolean matched;

    @Option(names = "--sizes", split = ",", paramLabel = "N",
            description = "Target sizes of the near-, far-pruned and random splits: numbers of samples, or shares of the"
                    + " pool such as 25%; a split's name gives the number it keeps.")
    List<String> sizes = List.of();

    @Option(names = "--score-sets", split = ",", paramLabel = "SETS", defaultValue = "all",
            description = "Test sets that score near/far pruning: one split per entry; an entry is 'all' or test set"
                    + " names joined by '+'. Default: ${DEFAULT-VALUE}.")
    List<String> scoreSets;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the random subsets and of k-means. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--dedup-eps", defaultValue = "0", description = "SemDeDup: > 0 adds a split 'dedup-<eps>' keeping, per"
            + " k-means cluster, a sample only if its max cosine to the kept ones is <= 1 - eps (the original used 0.124)."
            + " Default: ${DEFAULT-VALUE} (off).")
    double dedupEps;

    @Option(names = "--dedup-clusters", defaultValue = "0", description = "k-means clusters for deduplication; 0: one per"
            + " 1,000 pool samples. Default: ${DEFAULT-VALUE}.")
    int dedupClusters;

    @Option(names = "--pool-embeddings", arity = "0..*", paramLabel = "DIR",
            description = "The pool's embeddings (as given to the similarity step); needed for deduplication.")
    List<Path> poolEmbeddings = List.of();

    @Option(names = "--threads", defaultValue = "1", description = "BLAS and k-means threads. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Override
    public Integer call() throws Exception {
        SemanticDeduplication.Settings dedup = dedupEps > 0 ? new SemanticDeduplication.Settings(dedupEps, dedupClusters, 20, seed) : null;
        if (dedup != null) {
            org.clipdg.faiss.Faiss.setThreads(threads);
        }
        new SplitWriter(System.err).write(similarity, out, new SplitPlan(matched, sizes.stream().map(TargetSize::parse).toList(), scoreSets, seed, dedup), poolEmbeddings);
        return 0;
    }
}
