package org.clipdg.train.data;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.clipdg.core.IngestedDataset;
import org.clipdg.core.AvroJson;
import org.clipdg.core.Fixtures;
import org.clipdg.core.WebDatasetWriter;
import org.clipdg.schema.IngestManifest;
import org.clipdg.schema.SampleMetadata;
import org.clipdg.schema.ShardInfo;

/** Writes ingested dataset folders (manifest.json + shards) as ingestion does, for tests. */
final class TestDatasets {
    static final int SAMPLES_PER_SHARD = 3;

    private TestDatasets() {}

    /** Samples {@code <dataset>-000} ... with caption "caption of <key>" and a per-sample colour. */
    static Path write(Path root, String dataset, int samples) throws IOException {
        return write(root, dataset, samples, Map.of());
    }

    /** As {@link #write(Path, String, int)}, with {@code replaced} members (key -> extension -> bytes, empty bytes: drop). */
    static Path write(Path root, String dataset, int samples, Map<String, Map<String, byte[]>> replaced) throws IOException {
        Path dir = Files.createDirectories(root.resolve(dataset));
        List<ShardInfo> shards;
        try (WebDatasetWriter writer = new WebDatasetWriter(dir, dataset, SAMPLES_PER_SHARD)) {
            for (int i = 0; i < samples; i++) {
                String key = key(dataset, i);
                SortedMap<String, byte[]> members = new TreeMap<>();
                members.put("png", png(dataset, i));
                members.put("txt", Fixtures.utf8(caption(key)));
                members.put("json", AvroJson.toJson(metadata(dataset, key), false));
                replaced.getOrDefault(key, Map.of()).forEach((extension, bytes) -> {
                    if (bytes.length == 0) {
                        members.remove(extension);
                    } else {
                        members.put(extension, bytes);
                    }
                });
                writer.write(key, members);
            }
            shards = writer.finish();
        }
        AvroJson.write(dir.resolve(IngestedDataset.MANIFEST), manifest(dataset, samples, shards));
        return dir;
    }

    static String key(String dataset, int i) {
        return String.format("%s-%03d", dataset, i);
    }

    /** The PNG of sample {@code i}: a colour of its own. */
    static byte[] png(String dataset, int i) {
        return Fixtures.png(new Color((i * 37) % 256, (i * 91) % 256, dataset.length() * 20 % 256));
    }

    static int index(String key) {
        return Integer.parseInt(key.substring(key.lastIndexOf('-') + 1));
    }

    static String caption(String key) {
        return "caption of " + key;
    }

    private static SampleMetadata metadata(String dataset, String key) {
        return SampleMetadata.newBuilder().setKey(key).setDataset(dataset).setClassName("dog").setDomain("photo")
                .setDomainLabel("natural").setBackground("").setGroup("").setSource("test").setWidth(32).setHeight(24)
                .setFactors(Map.of()).build();
    }

    private static IngestManifest manifest(String dataset, int samples, List<ShardInfo> shards) {
        return IngestManifest.newBuilder().setDataset(dataset).setRole("pool").setFormat("synthetic").setDomain("")
                .setGroup("").setClasses(List.of("dog")).setInputs(List.of()).setSettings(Map.of())
                .setNumSamples(samples).setNumRejected(0).setCountsByClass(Map.of("dog", (long) samples))
                .setCountsByDomain(Map.of()).setCountsByDomainLabel(Map.of()).setCountsByGroup(Map.of())
                .setRejectedByReason(Map.of()).setShards(shards).setToolVersion("test").build();
    }
}
