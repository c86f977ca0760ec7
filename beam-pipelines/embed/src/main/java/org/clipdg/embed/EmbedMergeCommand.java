package org.clipdg.embed;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "embed-merge", mixinStandardHelpOptions = true,
        description = {"Completes the embeddings of a dataset embedded in shard groups (clipdg embed --shardGroup=I/N for"
                + " I = 0..N-1): every shard, rejected.tsv and manifest.json (last) in --output, byte for byte what one"
                + " clipdg embed over the whole dataset writes."})
public final class EmbedMergeCommand implements Callable<Integer> {
    @Option(names = "--dataset", required = true, paramLabel = "DIR", description = "The ingested dataset the groups embedded.")
    Path dataset;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "The model folder they used.")
    Path model;

    @Option(names = "--groups", required = true, arity = "1..*", paramLabel = "DIR", description = "Every group's output folder.")
    List<Path> groups;

    @Option(names = "--output", required = true, paramLabel = "DIR")
    Path output;

    @Option(names = "--store", defaultValue = "", paramLabel = "DIR", description = "The store the groups used (empty: none).")
    String store;

    @Override
    public Integer call() throws Exception {
        ShardGroups.merge(dataset, model, groups, output, store, System.err);
        return 0;
    }
}
