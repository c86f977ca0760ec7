package org.clipdg.similarity;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.clipdg.core.Chunk;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "similarity-thresholds", mixinStandardHelpOptions = true,
        description = {"The thresholds t(q) of every test point (max cosine to the reference set, docs/science.md 'Pruning'),"
                + " computed once for the chunks of clipdg similarity-chunk; with --chunk, against one chunk of the"
                + " reference set (the chunks' folders, all given to similarity-chunk, combine exactly).",
                "Writes thresholds.avro and manifest.json (last)."})
public final class SimilarityThresholdsCommand implements Callable<Integer> {
    @Option(names = "--test", required = true, arity = "1..*", paramLabel = "DIR", description = "Embeddings of each test set.")
    List<Path> tests;

    @Option(names = "--reference", required = true, arity = "1..*", paramLabel = "DIR",
            description = "Embeddings of the reference training set.")
    List<Path> reference;

    @Option(names = "--chunk", defaultValue = "0/1", paramLabel = "I/N", description = "This chunk of the reference set's"
            + " shards: I of N (from 0), contiguous parts of about equal sample counts. Default: ${DEFAULT-VALUE}.")
    String chunk;

    @Option(names = "--out", required = true, paramLabel = "DIR")
    Path out;

    @Mixin
    KernelOptions kernel;

    @Override
    public Integer call() throws Exception {
        ReferenceThresholds.run(kernel.kernel(), kernel.maxProducts, SimilarityInputs.open(List.of(), tests, reference),
                Chunk.parse(chunk), out, System.err);
        return 0;
    }
}
