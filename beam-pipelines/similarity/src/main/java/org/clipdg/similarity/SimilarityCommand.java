package org.clipdg.similarity;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "similarity", mixinStandardHelpOptions = true,
        description = {"Train-test similarity in one pass over the pool (docs/science.md, 'Pruning'): per test point its"
                + " threshold t(q) (max cosine to the reference set) and top-k pool neighbours; per pool sample its"
                + " nearest test point per test set and how many test points q have sim(q, x) > t(q).",
                "Writes pool_similarity.avro, test_neighbours.avro, summary.tsv and manifest.json (last).",
                "The same work in chunks, for a cluster: similarity-thresholds, similarity-chunk, similarity-merge."})
public final class SimilarityCommand implements Callable<Integer> {
    @Option(names = "--pool", required = true, arity = "1..*", paramLabel = "DIR", description = "Embeddings of the training pool.")
    List<Path> pool;

    @Option(names = "--test", required = true, arity = "1..*", paramLabel = "DIR", description = "Embeddings of each test set.")
    List<Path> tests;

    @Option(names = "--reference", arity = "0..*", paramLabel = "DIR",
            description = "Embeddings of the reference training set (gives t(q); without it no sample is similarity-matched).")
    List<Path> reference = List.of();

    @Option(names = "--out", required = true, paramLabel = "DIR")
    Path out;

    @Mixin
    KernelOptions kernel;

    @Mixin
    SearchOptions search;

    @Override
    public Integer call() throws Exception {
        SimilarityInputs inputs = SimilarityInputs.open(pool, tests, reference);
        new SimilarityPass(kernel.kernel(), search.settings(kernel), System.err).run(inputs, out);
        return 0;
    }
}
