package org.clipdg.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.clipdg.schema.IngestManifest;

/**
 * The folder layout of an ingested dataset, the contract between ingestion and every step that
 * reads its output: shards named in {@code manifest.json}, which is written last.
 */
public record IngestedDataset(Path dir, IngestManifest manifest) {
    public static final String MANIFEST = "manifest.json";

    /** Opens a dataset folder; a folder without a manifest is not (or not yet completely) ingested. */
    public static IngestedDataset open(Path dir) throws IOException {
        Path file = manifestFile(dir);
        if (!Files.isRegularFile(file)) {
            throw new IOException(dir + ": no " + MANIFEST + ", not a completely ingested dataset");
        }
        return new IngestedDataset(dir, AvroJson.read(file, IngestManifest.class));
    }

    public static Path manifestFile(Path dir) {
        return dir.resolve(MANIFEST);
    }

    public String name() {
        return manifest.getDataset();
    }

    public List<Path> shards() {
        return manifest.getShards().stream().map(shard -> dir.resolve(shard.getName())).toList();
    }
}
