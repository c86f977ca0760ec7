package org.clipdg.domains.label;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.clipdg.core.EmbeddingFixtures;
import org.clipdg.core.IngestedDataset;
import org.clipdg.core.domain.LabelledDataset;
import org.clipdg.core.embedding.EmbeddedDataset;
import org.clipdg.domains.ClassifierSession;
import org.clipdg.domains.DomainClassifier;
import org.clipdg.domains.DomainSpace;
import org.clipdg.domains.LabelRule;
import org.clipdg.domains.classifier.DomainClassifierTraining;
import org.clipdg.domains.classifier.DomainNetwork;
import org.clipdg.domains.classifier.LabelledEmbeddings;
import org.clipdg.schema.DomainLabel;
import org.clipdg.schema.DomainLabelManifest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelDomainsTest {
    @TempDir
    static Path shared;

    private static Path classifier;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainClassifier() throws IOException {
        DomainSpace.write(DomainSpace.draw("l", 200, 100, 200, 0.15, 11), "labelled", "labelled", shared.resolve("emb"),
                shared.resolve("data"), 500);
        classifier = shared.resolve("classifier");
        new DomainClassifierTraining(new DomainClassifierTraining.Settings(DomainNetwork.Kind.LINEAR, 0.95, 3, 10, 1), new PrintStream(new ByteArrayOutputStream()))
                .run(List.of(new LabelledEmbeddings.Source(EmbeddedDataset.open(shared.resolve("emb")),
                        IngestedDataset.open(shared.resolve("data")))), classifier);
    }

    private DomainLabelManifest label(Path embeddings, Path out, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("--embeddings=" + embeddings, "--classifier=" + classifier, "--output=" + out,
                "--batchSize=7", "--cpus=2"));
        args.addAll(List.of(extra));
        PipelineOptionsFactory.register(LabelDomainsOptions.class);
        LabelDomainsOptions options = PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).withValidation()
                .as(LabelDomainsOptions.class);
        return new LabelDomains(options, new PrintStream(new ByteArrayOutputStream())).execute();
    }

    @Test
    void everyEmbeddingGetsTheLabelsOfTheClassifierAndTheCardsThresholds() throws IOException {
        DomainSpace.Samples pool = DomainSpace.draw("p", 30, 20, 25, 0.3, 12);
        EmbeddingFixtures.write(dir.resolve("pool"), "pool", EmbeddingFixtures.MODEL, pool.vectors(), 30);
        DomainLabelManifest manifest = label(dir.resolve("pool"), dir.resolve("labels"));

        Map<String, DomainLabel> labels = new TreeMap<>();
        LabelledDataset labelled = LabelledDataset.open(dir.resolve("labels"));
        assertEquals(3, labelled.shards().size(), "one label shard per embedding shard");
        List<String> order = new ArrayList<>();
        labelled.forEach(label -> {
            labels.put(label.getKey(), label);
            order.add(label.getKey());
        });
        assertEquals(new ArrayList<>(labels.keySet()), order, "sorted by key, shard after shard");
        assertEquals(pool.vectors().keySet(), labels.keySet());

        DomainClassifier opened = DomainClassifier.open(classifier);
        LabelRule rule = opened.rule();
        Map<String, Long> strict = new TreeMap<>();
        try (ClassifierSession session = opened.session(1)) {
            for (Map.Entry<String, float[]> entry : pool.vectors().entrySet()) {
                float[] p = session.probabilities(FloatBuffer.wrap(entry.getValue()), 1);
                LabelRule.Labels expected = rule.apply(p, 0);
                DomainLabel actual = labels.get(entry.getKey());
                assertEquals("pool", actual.getDataset());
                assertEquals(expected.pNatural(), actual.getPNatural(), 1e-6f);
                assertEquals(expected.pRendition(), actual.getPRendition(), 1e-6f);
                assertEquals(expected.defaultLabel(), actual.getLabelDefault());
                assertEquals(expected.strictLabel(), actual.getLabelStrict());
                strict.merge(expected.strictLabel(), 1L, Long::sum);
            }
        }
        assertEquals(75, manifest.getNumLabels());
        assertEquals(strict, new TreeMap<>(Map.copyOf(manifest.getCountsStrict())).entrySet().stream()
                .filter(e -> e.getValue() > 0).collect(TreeMap::new, (m, e) -> m.put(e.getKey(), e.getValue()), Map::putAll));
        assertEquals(opened.cardSha256(), manifest.getClassifierCardSha256());
        assertTrue(strict.getOrDefault("natural", 0L) > 0 && strict.getOrDefault("rendition", 0L) > 0, strict.toString());
    }

    @Test
    void directAndFlinkRunnersWriteTheSameBytes() throws IOException {
        DomainSpace.Samples pool = DomainSpace.draw("p", 20, 10, 20, 0.3, 13);
        EmbeddingFixtures.write(dir.resolve("pool"), "pool", EmbeddingFixtures.MODEL, pool.vectors(), 16);
        label(dir.resolve("pool"), dir.resolve("direct"));
        label(dir.resolve("pool"), dir.resolve("flink"), "--runner=FlinkRunner", "--flinkMaster=[local]");
        for (String file : List.of("labels-00000.avro", "labels-00003.avro", "manifest.json")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("direct").resolve(file)), Files.readAllBytes(dir.resolve("flink").resolve(file)), file);
        }
    }

    @Test
    void embeddingsOfAnotherModelAreRejectedBeforeAnyWork() throws IOException {
        EmbeddingFixtures.write(dir.resolve("other"), "other", "another-model", DomainSpace.draw("o", 3, 0, 3, 0.3, 14).vectors(), 10);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> label(dir.resolve("other"), dir.resolve("out")));
        assertTrue(error.getMessage().contains("embeddings of model another-model"), error.getMessage());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void aNonUnitEmbeddingFailsTheRunNamingItsKeyAndLeavesNoManifest() throws IOException {
        Map<String, float[]> vectors = new TreeMap<>(DomainSpace.draw("p", 5, 0, 5, 0.3, 15).vectors());
        vectors.put("p000004", new float[DomainSpace.DIMENSION]);
        EmbeddingFixtures.write(dir.resolve("pool"), "pool", EmbeddingFixtures.MODEL, vectors, 100);
        Exception error = assertThrows(Exception.class, () -> label(dir.resolve("pool"), dir.resolve("out")));
        assertTrue(String.valueOf(error.getMessage()).contains("key 'p000004'"), String.valueOf(error.getMessage()));
        assertFalse(Files.exists(dir.resolve("out").resolve(LabelledDataset.MANIFEST)));
    }
}
