package org.clipdg.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.clipdg.schema.IngestManifest;
import org.clipdg.schema.SampleMetadata;
import org.clipdg.schema.ShardInfo;

/** Hand-made ingested datasets (metadata, optionally images), in the ingestion step's format, for steps that read metadata. */
public final class IngestedFixtures {
    private IngestedFixtures() {}

    /** A sample's metadata with the fields the study reads; the rest empty. */
    public static SampleMetadata sample(String dataset, String key, String className, String domain, String domainLabel) {
        return new SampleMetadata(key, dataset, className, domain, domainLabel, "", "", "fixture", 1, 1, new TreeMap<>());
    }

    /** Writes {@code samples} (in order, shards of {@code shardSize}) and a manifest with the given role and default domain. */
    public static Path write(Path dir, String dataset, String role, String domain, List<SampleMetadata> samples, int shardSize)
            throws IOException {
        return write(dir, dataset, role, domain, List.of(), samples, shardSize);
    }

    /** The same, with the dataset's class list (a test set's class mask). */
    public static Path write(Path dir, String dataset, String role, String domain, List<String> classes,
            List<SampleMetadata> samples, int shardSize) throws IOException {
        return write(dir, dataset, role, domain, classes, samples, Map.of(), shardSize);
    }

    /** The same, with encoded images by key (samples not in {@code images} have none). */
    public static Path write(Path dir, String dataset, String role, String domain, List<String> classes,
            List<SampleMetadata> samples, Map<String, byte[]> images, int shardSize) throws IOException {
        Files.createDirectories(dir);
        List<ShardInfo> shards;
        try (WebDatasetWriter writer = new WebDatasetWriter(dir, dataset, shardSize)) {
            for (SampleMetadata sample : samples) {
                TreeMap<String, byte[]> members = new TreeMap<>(Map.of("json", AvroJson.toJson(sample, false)));
                if (images.containsKey(sample.getKey())) {
                    members.put(IngestedDataset.IMAGE_MEMBER, images.get(sample.getKey()));
                }
                writer.write(sample.getKey(), members);
            }
            shards = writer.finish();
        }
        AvroJson.write(IngestedDataset.manifestFile(dir), IngestManifest.newBuilder()
                .setDataset(dataset).setRole(role).setFormat("synthetic").setDomain(domain).setGroup("")
                .setClasses(classes).setInputs(List.of()).setSettings(new TreeMap<>())
                .setNumSamples(samples.size()).setNumRejected(0)
                .setCountsByClass(new TreeMap<>()).setCountsByDomain(new TreeMap<>()).setCountsByDomainLabel(new TreeMap<>())
                .setCountsByGroup(new TreeMap<>()).setRejectedByReason(new TreeMap<>())
                .setShards(shards).setToolVersion("test").build());
        return dir;
    }
}
