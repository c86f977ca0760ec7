package org.clipdg.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.clipdg.schema.IngestManifest;
import org.clipdg.schema.SampleMetadata;

/**
 * The folder layout of an ingested dataset, the contract between ingestion and every step that
 * reads its output: shards named in {@code manifest.json}, which is written last.
 */
public record IngestedDataset(Path dir, IngestManifest manifest) {
    public static final String MANIFEST = "manifest.json";
    /** The member of every sample holding its image, PNG-encoded by ingestion. */
    public static final String IMAGE_MEMBER = "png";

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

    /** Reads every sample's metadata ({@code <key>.json}), in shard order; damage is an error naming shard and key. */
    public void forEachMetadata(Consumer<SampleMetadata> action) throws IOException {
        forEachSample((metadata, image) -> action.accept(metadata));
    }

    /** What {@link #forEachSample} hands over: a sample's metadata and its encoded image (null when it has none). */
    @FunctionalInterface
    public interface SampleAction {
        void accept(SampleMetadata metadata, byte[] image) throws IOException;
    }

    /**
     * Reads every sample's metadata and encoded image ({@value #IMAGE_MEMBER} member), in shard
     * order; damage or a sample without metadata is an error naming shard and key.
     */
    public void forEachSample(SampleAction action) throws IOException {
        try (WebDatasetReader reader = new WebDatasetReader(shards())) {
            while (reader.hasNext()) {
                WebDatasetReader.Entry entry = reader.next();
                if (entry instanceof WebDatasetReader.Damage damage) {
                    throw new IOException(damage.shard() + ": sample '" + damage.key() + "' is damaged: " + damage.reason());
                }
                if (entry instanceof WebDatasetReader.Sample sample) {
                    byte[] json = sample.members().get("json");
                    if (json == null) {
                        throw new IOException(sample.shard() + ": sample '" + sample.key() + "' has no metadata (.json member)");
                    }
                    action.accept(AvroJson.fromJson(json, SampleMetadata.class, sample.shard() + " sample '" + sample.key() + "'"),
                            sample.members().get(IMAGE_MEMBER));
                }
            }
        }
    }
}
