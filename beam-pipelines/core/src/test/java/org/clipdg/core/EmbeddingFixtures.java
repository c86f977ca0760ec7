package org.clipdg.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.clipdg.core.embedding.EmbeddedDataset;
import org.clipdg.core.embedding.EmbeddingShardFile;
import org.clipdg.core.embedding.UnitVectors;
import org.clipdg.schema.EmbeddingManifest;
import org.clipdg.schema.EmbeddingShard;
import org.clipdg.schema.ImageEmbedding;

/** Hand-made embedding folders, in the embedding step's format, for the steps that read them. */
public final class EmbeddingFixtures {
    public static final String MODEL = "model-card-sha256";

    private EmbeddingFixtures() {}

    /** Writes {@code vectors} (taken as they are, not normalised) in shards of {@code shardSize}, in map order. */
    public static Path write(Path dir, String dataset, String modelId, Map<String, float[]> vectors, int shardSize)
            throws IOException {
        Files.createDirectories(dir);
        List<Map.Entry<String, float[]>> entries = new ArrayList<>(vectors.entrySet());
        List<EmbeddingShard> shards = new ArrayList<>();
        int dimension = entries.isEmpty() ? 4 : entries.get(0).getValue().length;
        for (int first = 0, index = 0; first < entries.size() || index == 0; first += shardSize, index++) {
            List<ImageEmbedding> records = new ArrayList<>();
            for (Map.Entry<String, float[]> entry : entries.subList(first, Math.min(entries.size(), first + shardSize))) {
                List<Float> embedding = new ArrayList<>();
                for (float value : entry.getValue()) {
                    embedding.add(value);
                }
                records.add(new ImageEmbedding(entry.getKey(), dataset, embedding, modelId));
            }
            String name = String.format("embeddings-%05d.avro", index);
            Path shard = dir.resolve(name);
            EmbeddingShardFile.write(shard, new EmbeddingShardFile.Header(dataset + "-" + index, "sha", modelId,
                    records.size(), List.of()), records);
            shards.add(new EmbeddingShard(name, dataset + "-" + index, (long) records.size(), Files.size(shard),
                    Hashing.sha256(shard)));
            if (entries.isEmpty()) {
                break;
            }
        }
        AvroJson.write(dir.resolve(EmbeddedDataset.MANIFEST), EmbeddingManifest.newBuilder()
                .setDataset(dataset).setDatasetManifestSha256("dataset-sha").setModelName("fixture")
                .setModelCardSha256(modelId).setSource("images").setDimension(dimension)
                .setNumEmbeddings(entries.size()).setNumRejected(0).setRejectedByReason(new TreeMap<>())
                .setShards(shards).setToolVersion("test").build());
        return dir;
    }

    /** {@code count} random unit vectors keyed {@code prefix000000...}, in key order. */
    public static Map<String, float[]> randomUnitVectors(String prefix, int count, int dimension, long seed) {
        Random random = new Random(seed);
        Map<String, float[]> vectors = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            float[] vector = new float[dimension];
            for (int c = 0; c < dimension; c++) {
                vector[c] = (float) random.nextGaussian();
            }
            vectors.put(String.format("%s%06d", prefix, i), UnitVectors.l2Normalised(vector));
        }
        return vectors;
    }
}
