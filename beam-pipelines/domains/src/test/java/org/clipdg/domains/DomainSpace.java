package org.clipdg.domains;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.clipdg.core.EmbeddingFixtures;
import org.clipdg.core.IngestedFixtures;
import org.clipdg.core.embedding.UnitVectors;
import org.clipdg.schema.SampleMetadata;

/**
 * A hand-made embedding space where the domain is known: natural images lie near one direction,
 * renditions near another, ambiguous ones between them; the rest of each vector is noise.
 */
public final class DomainSpace {
    public static final int DIMENSION = 16;

    /** The true label of each key, and its unit vector. */
    public record Samples(Map<String, String> labels, Map<String, float[]> vectors) {}

    private DomainSpace() {}

    public static Samples draw(String prefix, int natural, int ambiguous, int rendition, double noise, long seed) {
        Random random = new Random(seed);
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, float[]> vectors = new TreeMap<>();
        int index = 0;
        for (Map.Entry<String, Integer> group : Map.of("natural", natural, "ambiguous", ambiguous, "rendition", rendition)
                .entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
            for (int i = 0; i < group.getValue(); i++) {
                float[] vector = new float[DIMENSION];
                for (int d = 0; d < DIMENSION; d++) {
                    vector[d] = (float) (noise * random.nextGaussian());
                }
                switch (group.getKey()) {
                    case "natural" -> vector[0] += 1;
                    case "rendition" -> vector[1] += 1;
                    default -> {
                        vector[0] += 0.7f;
                        vector[1] += 0.7f;
                    }
                }
                String key = String.format("%s%06d", prefix, index++);
                labels.put(key, group.getKey());
                vectors.put(key, UnitVectors.l2Normalised(vector));
            }
        }
        return new Samples(labels, vectors);
    }

    /**
     * A space no linear model separates: naturals lie near (1, 1) or (-1, -1) in the first two
     * dimensions, renditions near (1, -1) or (-1, 1) (the sign of x0 * x1 is the domain, as in XOR),
     * ambiguous samples near the third axis.
     */
    public static Samples drawInteracting(String prefix, int perLabel, double noise, long seed) {
        Random random = new Random(seed);
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, float[]> vectors = new TreeMap<>();
        int index = 0;
        for (String label : List.of("ambiguous", "natural", "rendition")) {
            for (int i = 0; i < perLabel; i++) {
                float[] vector = new float[DIMENSION];
                for (int d = 0; d < DIMENSION; d++) {
                    vector[d] = (float) (noise * random.nextGaussian());
                }
                double sign = random.nextBoolean() ? 1 : -1;
                switch (label) {
                    case "natural" -> {
                        vector[0] += sign;
                        vector[1] += sign;
                    }
                    case "rendition" -> {
                        vector[0] += sign;
                        vector[1] -= sign;
                    }
                    default -> vector[2] += 1.4f;
                }
                String key = String.format("%s%06d", prefix, index++);
                labels.put(key, label);
                vectors.put(key, UnitVectors.l2Normalised(vector));
            }
        }
        return new Samples(labels, vectors);
    }

    /** Writes the samples as an embedding folder and an ingested dataset carrying their domain labels. */
    public static void write(Samples samples, String dataset, String role, Path embeddings, Path ingested, int shardSize)
            throws IOException {
        EmbeddingFixtures.write(embeddings, dataset, EmbeddingFixtures.MODEL, samples.vectors(), shardSize);
        List<SampleMetadata> metadata = new ArrayList<>();
        for (String key : new TreeMap<>(samples.labels()).keySet()) {
            metadata.add(IngestedFixtures.sample(dataset, key, "circle", "", samples.labels().get(key)));
        }
        IngestedFixtures.write(ingested, dataset, role, "", metadata, shardSize);
    }
}
