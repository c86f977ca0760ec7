package org.clipdg.core.embedding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.clipdg.core.AvroJson;
import org.clipdg.schema.EmbeddingManifest;
import org.clipdg.schema.ImageEmbedding;

/**
 * The folder of one dataset's embeddings, the contract between the embedding step and every step
 * that reads embeddings: {@link EmbeddingShardFile shards} named in {@code manifest.json} (written
 * last), and {@code rejected.tsv}.
 */
public record EmbeddedDataset(Path dir, EmbeddingManifest manifest) {
    public static final String MANIFEST = "manifest.json";
    public static final String REJECTED = "rejected.tsv";

    public static EmbeddedDataset open(Path dir) throws IOException {
        Path file = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new IOException(dir + ": no " + MANIFEST + ", not a complete embeddings folder");
        }
        return new EmbeddedDataset(dir, AvroJson.read(file, EmbeddingManifest.class));
    }

    public String name() {
        return manifest.getDataset();
    }

    public int dimension() {
        return manifest.getDimension();
    }

    public List<Path> shards() {
        return manifest.getShards().stream().map(shard -> dir.resolve(shard.getName())).toList();
    }

    /** All embeddings, shard by shard, each shard in key order. */
    public List<ImageEmbedding> readAll() throws IOException {
        List<ImageEmbedding> all = new ArrayList<>();
        for (Path shard : shards()) {
            all.addAll(EmbeddingShardFile.readAll(shard));
        }
        return all;
    }
}
