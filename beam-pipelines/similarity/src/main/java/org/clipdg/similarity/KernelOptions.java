package org.clipdg.similarity;

import picocli.CommandLine.Option;

/**
 * How the similarity commands run their products: BLAS threads, and the products held at once
 * (rows of a shard are compared in slices of this size; chunks and thresholds of one run must use
 * the same, as the slices decide where a product sits in BLAS's matrix).
 */
final class KernelOptions {
    @Option(names = "--threads", defaultValue = "1", description = "BLAS threads. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--max-products", defaultValue = "16777216", hidden = true,
            description = "Most inner products held at once (memory: 4 bytes each).")
    int maxProducts;

    SimilarityKernel kernel() {
        return NativeKernel.withThreads(threads);
    }
}
