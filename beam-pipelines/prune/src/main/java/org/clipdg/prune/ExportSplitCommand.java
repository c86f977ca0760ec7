package org.clipdg.prune;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.clipdg.core.AtomicFiles;
import org.clipdg.core.IngestedDataset;
import org.clipdg.core.WebDatasetReader;
import org.clipdg.core.WebDatasetWriter;
import org.clipdg.core.split.Whitelist;
import org.clipdg.schema.ShardInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes the samples a whitelist keeps as new WebDataset shards, for training elsewhere (e.g. OpenCLIP). */
@Command(name = "export-split", mixinStandardHelpOptions = true,
        description = {"Copies the samples of a split (a whitelist from the pruning step) out of ingested datasets"
                + " into new WebDataset shards, members unchanged, in dataset order.",
                "Keys stay as they are when the split draws on one dataset, and become <dataset>_<key> otherwise."
                + " Writes <prefix>-NNNNNN.tar and shards.tsv (name, samples, bytes, sha256), the listing last."})
public final class ExportSplitCommand implements Callable<Integer> {
    static final String LISTING = "shards.tsv";

    @Option(names = "--dataset", required = true, arity = "1..*", paramLabel = "DIR", description = "Ingested datasets the split draws on.")
    List<Path> datasets;

    @Option(names = "--whitelist", required = true, paramLabel = "FILE")
    Path whitelistFile;

    @Option(names = "--out", required = true, paramLabel = "DIR")
    Path out;

    @Option(names = "--prefix", defaultValue = "split", description = "Shard name prefix. Default: ${DEFAULT-VALUE}.")
    String prefix;

    @Option(names = "--shard-size", defaultValue = "1000", description = "Samples per shard. Default: ${DEFAULT-VALUE}.")
    int shardSize;

    @Override
    public Integer call() throws IOException {
        Whitelist whitelist = Whitelist.read(whitelistFile);
        boolean oneDataset = whitelist.entries().stream().map(Whitelist.Entry::dataset).distinct().count() <= 1;
        Map<Path, String> datasetOfShard = new HashMap<>();
        List<Path> shards = new ArrayList<>();
        for (Path dir : datasets) {
            IngestedDataset dataset = IngestedDataset.open(dir);
            for (Path shard : dataset.shards()) {
                shards.add(shard);
                datasetOfShard.put(shard, dataset.name());
            }
        }
        Files.createDirectories(out);
        Files.deleteIfExists(out.resolve(LISTING));
        // Shards go to a side folder first and move into place only when every whitelisted sample was found.
        Path staging = Files.createDirectories(AtomicFiles.partialOf(out.resolve(prefix)));
        try {
            export(whitelist, shards, datasetOfShard, oneDataset, staging);
        } finally {
            try (var left = Files.list(staging)) {
                for (Path file : left.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(staging);
        }
        return 0;
    }

    private void export(Whitelist whitelist, List<Path> shards, Map<Path, String> datasetOfShard, boolean oneDataset,
            Path staging) throws IOException {
        boolean[] found = new boolean[whitelist.size()];
        List<ShardInfo> written;
        try (WebDatasetReader reader = new WebDatasetReader(shards);
                WebDatasetWriter writer = new WebDatasetWriter(staging, prefix, shardSize)) {
            while (reader.hasNext()) {
                WebDatasetReader.Entry entry = reader.next();
                if (entry instanceof WebDatasetReader.Damage damage) {
                    throw new IOException(damage.shard() + ", key '" + damage.key() + "': " + damage.reason()
                            + " (ingestion validated it: the file was changed or damaged since)");
                }
                if (entry instanceof WebDatasetReader.Sample sample) {
                    String dataset = datasetOfShard.get(sample.shard());
                    int index = whitelist.indexOf(dataset, sample.key());
                    if (index >= 0) {
                        found[index] = true;
                        writer.write(oneDataset ? sample.key() : dataset + "_" + sample.key(), sample.members());
                    }
                }
            }
            written = writer.finish();
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < found.length; i++) {
            if (!found[i]) {
                Whitelist.Entry entry = whitelist.entries().get(i);
                missing.add(entry.dataset() + "/" + entry.key());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(String.format("%s: %d whitelisted sample(s) are in none of the given"
                    + " datasets, e.g. %s; pass every dataset the split draws on", whitelistFile, missing.size(),
                    missing.subList(0, Math.min(5, missing.size()))));
        }
        try (var stale = Files.newDirectoryStream(out, prefix + "-*.tar")) {
            for (Path file : stale) {
                Files.delete(file);
            }
        }
        StringBuilder listing = new StringBuilder("shard\tsamples\tbytes\tsha256\n");
        for (ShardInfo shard : written) {
            AtomicFiles.commit(staging.resolve(shard.getName()), out.resolve(shard.getName()));
            listing.append(String.format(Locale.ROOT, "%s\t%d\t%d\t%s\n", shard.getName(), shard.getNumSamples(),
                    shard.getBytes(), shard.getSha256()));
        }
        AtomicFiles.writeString(out.resolve(LISTING), listing.toString());
        System.err.printf("[export-split] %,d samples of %s in %d shard(s) under %s%n", whitelist.size(), whitelistFile,
                written.size(), out);
    }
}
