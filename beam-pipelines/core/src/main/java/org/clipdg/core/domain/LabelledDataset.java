package org.clipdg.core.domain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.clipdg.core.AvroJson;
import org.clipdg.core.AvroRecordFile;
import org.clipdg.schema.DomainLabel;
import org.clipdg.schema.DomainLabelManifest;

/**
 * The folder of one dataset's domain labels, the contract between the labelling step and the
 * steps that read labels: {@code labels-NNNNN.avro} shards of {@link DomainLabel} records sorted
 * by key, named in {@code manifest.json} (written last).
 */
public record LabelledDataset(Path dir, DomainLabelManifest manifest) {
    public static final String MANIFEST = "manifest.json";

    public static LabelledDataset open(Path dir) throws IOException {
        Path file = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new IOException(dir + ": no " + MANIFEST + ", not a complete domain-labels folder");
        }
        return new LabelledDataset(dir, AvroJson.read(file, DomainLabelManifest.class));
    }

    public String name() {
        return manifest.getDataset();
    }

    public List<Path> shards() {
        return manifest.getShards().stream().map(shard -> dir.resolve(shard.getName())).toList();
    }

    /** Every label, shard by shard, each shard in key order. */
    public void forEach(Consumer<DomainLabel> action) throws IOException {
        for (Path shard : shards()) {
            AvroRecordFile.forEach(shard, DomainLabel.class, action);
        }
    }
}
