package org.clipdg.similarity;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "similarity", mixinStandardHelpOptions = true,
        description = {"Train-test similarity in one pass over the pool (docs/science.md, 'Pruning'): per test point its"
                + " threshold t(q) (max cosine to the reference set) and top-k pool neighbours; per pool sample its"
                + " nearest test point per test set and how many test points q have sim(q, x) > t(q).",
                "Writes pool_similarity.avro, test_neighbours.avro, summary.tsv and manifest.json (last)."})
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

    @Option(names = "--k", defaultValue = "10", description = "Pool neighbours kept per test point. Default: ${DEFAULT-VALUE}.")
    int k;

    @Option(names = "--threads", defaultValue = "1", description = "BLAS threads. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--candidate-cap", defaultValue = "0", description = "0: exact. N: also count the removals left when"
            + " each query only considers its top N pool samples per cap chunk, as the original code did (20000)."
            + " Default: ${DEFAULT-VALUE}.")
    int candidateCap;

    @Option(names = "--cap-chunk", defaultValue = "1000000", description = "Pool samples per cap chunk (whole shards)."
            + " Default: ${DEFAULT-VALUE}.")
    long capChunk;

    @Option(names = "--index", defaultValue = "exact", description = "exact (all inner products, BLAS), or a FAISS index"
            + " factory string (e.g. IVF64,Flat or HNSW32) for an approximate pool-to-test search whose recall is"
            + " measured on --recall-queries test points per set (recall.tsv). Default: ${DEFAULT-VALUE}.")
    String index;

    @Option(names = "--candidates", defaultValue = "32", description = "With --index: test points each pool sample"
            + " retrieves per test set. Default: ${DEFAULT-VALUE}.")
    int candidates;

    @Option(names = "--nprobe", defaultValue = "0", description = "With an IVF index: lists searched (0: FAISS's default)."
            + " Default: ${DEFAULT-VALUE}.")
    int nprobe;

    @Option(names = "--ef-search", defaultValue = "0", description = "With an HNSW index: search breadth (0: FAISS's"
            + " default). Default: ${DEFAULT-VALUE}.")
    int efSearch;

    @Option(names = "--recall-queries", defaultValue = "1000", description = "With --index: test points per set"
            + " checked against exact search. Default: ${DEFAULT-VALUE}.")
    int recallQueries;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the recall sample. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--max-products", defaultValue = "16777216", hidden = true,
            description = "Most inner products held at once (memory: 4 bytes each).")
    int maxProducts;

    @Override
    public Integer call() throws Exception {
        SimilarityInputs inputs = SimilarityInputs.open(pool, tests, reference);
        ApproximateSearch.Settings approximate = null;
        if (!index.equals("exact")) {
            Map<String, Double> parameters = new TreeMap<>();
            if (nprobe > 0) {
                parameters.put("nprobe", (double) nprobe);
            }
            if (efSearch > 0) {
                parameters.put("efSearch", (double) efSearch);
            }
            approximate = new ApproximateSearch.Settings(index, candidates, parameters, recallQueries, seed);
        }
        SimilarityPass.Settings settings = new SimilarityPass.Settings(k, candidateCap, capChunk, maxProducts, approximate);
        new SimilarityPass(NativeKernel.withThreads(threads), settings, System.err).run(inputs, out);
        return 0;
    }
}
