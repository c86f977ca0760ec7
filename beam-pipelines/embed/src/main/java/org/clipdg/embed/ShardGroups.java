package org.clipdg.embed;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.clipdg.core.Hashing;
import org.clipdg.core.IngestedDataset;
import org.clipdg.core.model.ModelDirectory;
import org.clipdg.schema.EmbeddingManifest;

/**
 * Completes a dataset embedded in shard groups ({@code clipdg embed --shardGroup=I/N}, one task
 * each): every group's shards in one folder, then its rejected.tsv and manifest, exactly as one
 * task over the whole dataset writes them. With a store, the slot the groups filled is finished and
 * published, so later runs reuse it whole.
 */
final class ShardGroups {
    private ShardGroups() {}

    static EmbeddingManifest merge(Path datasetDir, Path modelDir, List<Path> groups, Path output, String store, PrintStream progress)
            throws IOException {
        IngestedDataset dataset;
        try {
            dataset = IngestedDataset.open(datasetDir);
        } catch (IOException e) {
            throw new IOException("--dataset " + e.getMessage(), e);
        }
        ModelDirectory model = ModelDirectory.open(modelDir, "--model");
        String datasetSha256 = Hashing.sha256(IngestedDataset.manifestFile(datasetDir));
        List<EmbeddingFolder.PlannedShard> planned = EmbeddingPlan.plannedShards(dataset);
        EmbeddingFolder.Identity identity = new EmbeddingFolder.Identity(dataset.name(), datasetSha256, model.name(),
                model.cardSha256(), EmbedImages.SOURCE, model.card().getEmbedDim());
        EmbeddingStore slots = store.isEmpty() ? null : new EmbeddingStore(Path.of(store));
        Path target = slots == null ? output : slots.slot(dataset.name(), datasetSha256, model.cardSha256());
        EmbeddingManifest manifest = slots == null ? null : slots.finished(target, datasetSha256, model.cardSha256());
        if (manifest == null) {
            Files.createDirectories(target);
            for (EmbeddingFolder.PlannedShard shard : planned) {
                Path file = target.resolve(shard.name());
                if (!Files.isRegularFile(file)) {
                    EmbeddingStore.linkOrCopy(inGroups(groups, shard.name()), file);
                }
            }
            manifest = EmbeddingFolder.finish(target, identity, planned);
        }
        if (slots != null) {
            slots.publish(target, output);
        }
        progress.printf("[embed %s] %d shard group(s) merged: %,d embeddings in %d shards%n", dataset.name(), groups.size(),
                manifest.getNumEmbeddings(), manifest.getShards().size());
        return manifest;
    }

    private static Path inGroups(List<Path> groups, String shard) throws IOException {
        for (Path group : groups) {
            if (Files.isRegularFile(group.resolve(shard))) {
                return group.resolve(shard);
            }
        }
        throw new IOException(shard + " is in none of the shard group folders " + groups + ": a group is missing or unfinished");
    }
}
