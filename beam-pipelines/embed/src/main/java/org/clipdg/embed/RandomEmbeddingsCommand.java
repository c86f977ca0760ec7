package org.clipdg.embed;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "random-embeddings", mixinStandardHelpOptions = true,
        description = {"A synthetic embeddings folder for scale tests of the similarity step: --count random unit vectors"
                + " of --dimension (normalised Gaussians, seeded per shard) in the embedding step's format, in shards.",
                "Writes embeddings-NNNNN.avro, rejected.tsv and manifest.json (last); resumes shard by shard. Folders"
                + " compared with each other need the same --model-id.",
                "Example (a pool, a test set and a reference set): for d in pool:10000000:1 test:10000:2 reference:100000:3; do"
                + " IFS=: read name n seed <<< \"$d\"; clipdg random-embeddings --dataset $name --count $n --seed $seed --out"
                + " emb/$name; done"})
public final class RandomEmbeddingsCommand implements Callable<Integer> {
    @Option(names = "--dataset", required = true, description = "Dataset name of the records.")
    String dataset;

    @Option(names = "--count", required = true, description = "Vectors to write.")
    long count;

    @Option(names = "--dimension", defaultValue = "512", description = "Default: ${DEFAULT-VALUE}.")
    int dimension;

    @Option(names = "--shard-size", defaultValue = "10000", description = "Vectors per shard. Default: ${DEFAULT-VALUE}.")
    int shardSize;

    @Option(names = "--seed", defaultValue = "42", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--model-id", defaultValue = "random-unit-vectors", description = "The records' model id (the"
            + " model card sha256 of real embeddings). Default: ${DEFAULT-VALUE}.")
    String modelId;

    @Option(names = "--threads", defaultValue = "1", description = "Shards written at once. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--out", required = true, paramLabel = "DIR")
    Path out;

    @Override
    public Integer call() throws Exception {
        RandomEmbeddings.write(new RandomEmbeddings.Settings(dataset, count, dimension, shardSize, seed, modelId), out, threads,
                System.err);
        return 0;
    }
}
