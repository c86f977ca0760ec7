package org.clipdg.similarity;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.clipdg.core.Chunk;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "similarity-chunk", mixinStandardHelpOptions = true,
        description = {"One chunk of clipdg similarity, for a cluster: chunk I of N of the pool against every test set,"
                + " with the thresholds of clipdg similarity-thresholds. The pool's shards (under --candidate-cap its cap"
                + " chunks) form N contiguous parts of about equal sample counts, the same in every task.",
                "Writes pool_similarity.avro (the chunk's records), test_candidates.avro and manifest.json (last);"
                + " clipdg similarity-merge makes clipdg similarity's files from all N."})
public final class SimilarityChunkCommand implements Callable<Integer> {
    @Option(names = "--pool", required = true, arity = "1..*", paramLabel = "DIR",
            description = "Embeddings of the training pool (all of it).")
    List<Path> pool;

    @Option(names = "--test", required = true, arity = "1..*", paramLabel = "DIR", description = "Embeddings of each test set.")
    List<Path> tests;

    @Option(names = "--thresholds", arity = "0..*", paramLabel = "DIR", description = "Output of clipdg similarity-thresholds"
            + " (every chunk of it); without it no sample is similarity-matched.")
    List<Path> thresholds = List.of();

    @Option(names = "--chunk", required = true, paramLabel = "I/N", description = "This chunk: I of N, from 0.")
    String chunk;

    @Option(names = "--out", required = true, paramLabel = "DIR")
    Path out;

    @Mixin
    KernelOptions kernel;

    @Mixin
    SearchOptions search;

    @Override
    public Integer call() throws Exception {
        Chunk part = Chunk.parse(chunk);
        SimilarityInputs inputs = SimilarityInputs.open(pool, tests, List.of());
        new SimilarityChunk(kernel.kernel(), search.settings(kernel), System.err).run(inputs, thresholds, part, out);
        return 0;
    }
}
