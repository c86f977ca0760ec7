package org.clipdg.embed;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.clipdg.core.AtomicFiles;
import org.clipdg.core.AvroJson;
import org.clipdg.core.ClipdgVersion;
import org.clipdg.core.Hashing;
import org.clipdg.core.embedding.EmbeddedDataset;
import org.clipdg.core.embedding.EmbeddingShardFile;
import org.clipdg.core.embedding.Rejection;
import org.clipdg.schema.EmbeddingManifest;
import org.clipdg.schema.EmbeddingShard;

/**
 * Writes an {@link EmbeddedDataset} folder: one output shard per input (a dataset shard or a
 * precomputed file), each committed whole, then {@code rejected.tsv} and {@code manifest.json}
 * last. A shard already present with the right input checksum and model is kept, which is how an
 * interrupted run resumes.
 */
public final class EmbeddingFolder {

    /** One output shard and the input it is computed from. */
    public record PlannedShard(int index, String source, String sourceSha256, String input) implements Serializable {
        public String name() {
            return String.format("embeddings-%05d.avro", index);
        }
    }

    /** The shards still to compute: missing, partial, or computed from other input or by another model. */
    public static List<PlannedShard> pending(Path out, List<PlannedShard> planned, String modelId) throws IOException {
        Files.createDirectories(out);
        List<PlannedShard> pending = new ArrayList<>();
        for (PlannedShard shard : planned) {
            Path file = out.resolve(shard.name());
            Files.deleteIfExists(AtomicFiles.partialOf(file));
            if (!Files.isRegularFile(file) || !isComputedFrom(file, shard, modelId)) {
                pending.add(shard);
            }
        }
        return pending;
    }

    private static boolean isComputedFrom(Path file, PlannedShard shard, String modelId) {
        try {
            EmbeddingShardFile.Header header = EmbeddingShardFile.readHeader(file);
            return header.sourceSha256().equals(shard.sourceSha256()) && header.modelId().equals(modelId);
        } catch (IOException e) {
            return false;
        }
    }

    /** The manifest fields that do not come from the shards. */
    public record Identity(String dataset, String datasetManifestSha256, String modelName, String modelCardSha256,
            String source, int dimension) {}

    /** Checks every planned shard is present and from the right input, then writes rejected.tsv and the manifest. */
    public static EmbeddingManifest finish(Path out, Identity identity, List<PlannedShard> planned) throws IOException {
        List<EmbeddingShard> shards = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        long embeddings = 0;
        for (PlannedShard shard : planned) {
            Path file = out.resolve(shard.name());
            EmbeddingShardFile.Header header = EmbeddingShardFile.readHeader(file);
            if (!header.sourceSha256().equals(shard.sourceSha256()) || !header.modelId().equals(identity.modelCardSha256())) {
                throw new IOException(file + ": computed from other input or by another model than planned");
            }
            rejected.addAll(header.rejected());
            embeddings += header.count();
            shards.add(new EmbeddingShard(shard.name(), shard.source(), header.count(), Files.size(file), Hashing.sha256(file)));
        }
        SortedMap<String, Long> byReason = new TreeMap<>();
        for (Rejection rejection : rejected) {
            byReason.merge(rejection.reason(), 1L, Long::sum);
        }
        AtomicFiles.write(out.resolve(EmbeddedDataset.REJECTED), stream -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
            writer.write(Rejection.TSV_HEADER + "\n");
            for (Rejection rejection : rejected) {
                writer.write(rejection.toTsv() + "\n");
            }
            writer.flush();
        });
        EmbeddingManifest manifest = EmbeddingManifest.newBuilder()
                .setDataset(identity.dataset())
                .setDatasetManifestSha256(identity.datasetManifestSha256())
                .setModelName(identity.modelName())
                .setModelCardSha256(identity.modelCardSha256())
                .setSource(identity.source())
                .setDimension(identity.dimension())
                .setNumEmbeddings(embeddings)
                .setNumRejected(rejected.size())
                .setRejectedByReason(new TreeMap<>(byReason))
                .setShards(shards)
                .setToolVersion(ClipdgVersion.get())
                .build();
        AvroJson.write(out.resolve(EmbeddedDataset.MANIFEST), manifest);
        return manifest;
    }
}
