package org.clipdg.similarity;

import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Option;

/** The search settings of {@code clipdg similarity} and {@code similarity-chunk}: the same options, the same defaults. */
final class SearchOptions {
    @Option(names = "--k", defaultValue = "10", description = "Pool neighbours kept per test point. Default: ${DEFAULT-VALUE}.")
    int k;

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

    /** The settings, with the kernel's product budget. */
    SimilarityPass.Settings settings(KernelOptions kernel) {
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
        return new SimilarityPass.Settings(k, candidateCap, capChunk, kernel.maxProducts, approximate);
    }
}
