package org.clipdg.similarity;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "similarity-merge", mixinStandardHelpOptions = true,
        description = {"Combines the N chunks of clipdg similarity-chunk into the files clipdg similarity writes, byte for"
                + " byte: pool records in pool order; per test point the top-k of all chunks (similarity descending, then"
                + " dataset and key ascending, wherever the neighbours came from); the summary and manifest. Checks that"
                + " every chunk is there once and all come from the same inputs, settings and thresholds.",
                "Writes pool_similarity.avro, test_neighbours.avro, summary.tsv, recall.tsv (with --index) and manifest.json (last)."})
public final class SimilarityMergeCommand implements Callable<Integer> {
    @Option(names = "--chunks", required = true, arity = "1..*", paramLabel = "DIR", description = "Every chunk's output, in any order.")
    List<Path> chunks;

    @Option(names = "--test", required = true, arity = "1..*", paramLabel = "DIR", description = "Embeddings of each test set,"
            + " as given to the chunks.")
    List<Path> tests;

    @Option(names = "--thresholds", arity = "0..*", paramLabel = "DIR", description = "The thresholds the chunks used.")
    List<Path> thresholds = List.of();

    @Option(names = "--out", required = true, paramLabel = "DIR")
    Path out;

    @Override
    public Integer call() throws Exception {
        SimilarityInputs inputs = SimilarityInputs.open(List.of(), tests, List.of());
        new SimilarityMerge(System.err).run(chunks, inputs, thresholds, out);
        return 0;
    }
}
