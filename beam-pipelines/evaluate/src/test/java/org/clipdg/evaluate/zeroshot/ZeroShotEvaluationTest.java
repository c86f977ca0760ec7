package org.clipdg.evaluate.zeroshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.clipdg.core.text.PromptTemplates;
import org.clipdg.core.AvroRecordFile;
import org.clipdg.core.EmbeddingFixtures;
import org.clipdg.core.IngestedDataset;
import org.clipdg.core.IngestedFixtures;
import org.clipdg.core.embedding.EmbeddedDataset;
import org.clipdg.core.embedding.UnitVectors;
import org.clipdg.core.metrics.MetricRow;
import org.clipdg.core.metrics.MetricTable;
import org.clipdg.core.split.Whitelist;
import org.clipdg.evaluate.EvaluatedModel;
import org.clipdg.core.metrics.Interval;
import org.clipdg.core.metrics.WilsonInterval;
import org.clipdg.schema.PoolNeighbour;
import org.clipdg.schema.SampleMetadata;
import org.clipdg.schema.TestPointSimilarity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hand-built embedding space where every right answer is known. */
class ZeroShotEvaluationTest {
    private static final List<String> CLASSES = List.of("circle", "square", "star");
    private static final EvaluatedModel MODEL = new EvaluatedModel("m", "all", "sha", 42);

    /** Class c's prompts point along axis c; "a sketch of" prompts lean towards axis 3. */
    private static final TextEncoder ENCODER = prompts -> {
        float[][] out = new float[prompts.size()][4];
        for (int i = 0; i < prompts.size(); i++) {
            for (int c = 0; c < CLASSES.size(); c++) {
                if (prompts.get(i).contains(CLASSES.get(c))) {
                    out[i][c] = 2;
                }
            }
            if (prompts.get(i).startsWith("a sketch of")) {
                out[i][3] = 2;
            }
        }
        return out;
    };

    @TempDir
    Path dir;

    private record Image(String key, float[] vector, String className, String domain, String group) {}

    private ZeroShotEvaluation.TestSet testSet(String name, List<String> classes, List<Image> images) throws IOException {
        Map<String, float[]> vectors = new LinkedHashMap<>();
        List<SampleMetadata> samples = new ArrayList<>();
        for (Image image : images) {
            vectors.put(image.key(), UnitVectors.l2Normalised(image.vector()));
            samples.add(new SampleMetadata(image.key(), name, image.className(), image.domain(), "", "", image.group(), "fixture",
                    1, 1, new TreeMap<>()));
        }
        EmbeddingFixtures.write(dir.resolve("emb").resolve(name), name, EmbeddingFixtures.MODEL, vectors, 4);
        IngestedFixtures.write(dir.resolve("data").resolve(name), name, "test", "", classes, samples, 4);
        return new ZeroShotEvaluation.TestSet(EmbeddedDataset.open(dir.resolve("emb").resolve(name)),
                IngestedDataset.open(dir.resolve("data").resolve(name)));
    }

    private List<MetricRow> evaluate(List<ZeroShotEvaluation.TestSet> tests, Path out) throws IOException {
        return evaluate(tests, List.of("a photo of a {}.", "a sketch of a {}."), ZeroShotEvaluation.Analyses.ACCURACY_ONLY, out);
    }

    private List<MetricRow> evaluate(List<ZeroShotEvaluation.TestSet> tests, List<String> templates,
            ZeroShotEvaluation.Analyses analyses, Path out) throws IOException {
        return new ZeroShotEvaluation(new PrintStream(new ByteArrayOutputStream())).run(MODEL, EmbeddingFixtures.MODEL, ENCODER,
                CLASSES, templates, tests, analyses, out);
    }

    @Test
    void classEmbeddingsAverageTheNormalisedPromptEmbeddingsAndRenormalise() throws IOException {
        float[][] classes = ClassEmbeddings.build(ENCODER, CLASSES, List.of("a photo of a {}.", "a sketch of a {}."));
        // circle: mean of (1,0,0,0) and (1,0,0,1)/sqrt2, renormalised.
        double a = 1 + 1 / Math.sqrt(2);
        double b = 1 / Math.sqrt(2);
        double norm = Math.sqrt(a * a + b * b);
        assertArrayEquals(new float[] {(float) (a / norm), 0, 0, (float) (b / norm)}, classes[0], 1e-6f);
    }

    @Test
    void accuracyPerTestSetDomainAndGroupWithWilsonIntervals() throws IOException {
        List<Image> images = List.of(
                new Image("a", new float[] {1, 0, 0, 0}, "circle", "photo", "common"),
                new Image("b", new float[] {0, 1, 0, 0}, "square", "photo", "common"),
                new Image("c", new float[] {0, 0, 1, 0}, "star", "photo", "counter"),
                new Image("d", new float[] {0, 1, 0, 0}, "circle", "sketch", "counter"),
                new Image("e", new float[] {0, 0, 1, 0.1f}, "star", "sketch", "common"),
                new Image("f", new float[] {1, 0, 0.2f, 0}, "star", "sketch", "common"));
        List<MetricRow> rows = evaluate(List.of(testSet("mixed", CLASSES, images)), dir.resolve("out"));
        assertEquals(List.of("top1 all 4/6", "top1 photo 3/3", "top1 sketch 1/3", "top1 common 3/4", "top1 counter 1/2"),
                rows.stream().filter(r -> r.metric().equals("top1") && r.className().isEmpty()).map(r -> r.metric() + " "
                        + (r.domain().isEmpty() && r.group().isEmpty() ? "all" : r.domain() + r.group()) + " "
                        + Math.round(r.value() * r.n()) + "/" + r.n()).toList());
        assertEquals(List.of("circle common 1/1", "circle counter 0/1", "square common 1/1", "star common 1/2", "star counter 1/1"),
                rows.stream().filter(r -> !r.className().isEmpty()).map(r -> r.className() + " " + r.group() + " "
                        + Math.round(r.value() * r.n()) + "/" + r.n()).toList(), "two groups: top-1 per class and group");
        Interval expected = WilsonInterval.of(4, 6, 0.95);
        assertEquals(expected.low(), rows.get(0).ciLow(), 1e-12);
        assertEquals(expected.high(), rows.get(0).ciHigh(), 1e-12);
        List<String> predictions = Files.readAllLines(dir.resolve("out/predictions/mixed.tsv"));
        assertEquals("key\tlabel\tprediction\tscore", predictions.get(0));
        assertTrue(predictions.get(4).startsWith("d\tcircle\tsquare\t"), predictions.get(4));
        MetricTable.write(dir.resolve("out"), rows);
        assertTrue(Files.readString(dir.resolve("out/metrics.tsv")).startsWith(MetricRow.HEADER + "\nm\tall\tsha\t42\tmixed\t\t\t\t\ttop1\t0.666667\t6\t"));
        assertTrue(Files.readString(dir.resolve("out/metrics.json")).contains("\"testSet\" : \"mixed\""));
        MetricRow drop = rows.stream().filter(r -> r.metric().equals(BackgroundDrop.METRIC)).findFirst().orElseThrow();
        assertEquals("mixed common-counter", drop.testSet() + " " + drop.group());
        assertEquals(0.75 - 0.5, drop.value(), 1e-12, "common 3 of 4 right, counter 1 of 2");
        assertEquals(6, drop.n());
        assertTrue(drop.ciLow() < drop.value() && drop.value() < drop.ciHigh(), drop.toString());
    }

    @Test
    void theBackgroundDropIsPooledOverTestSetsSharingADomain() throws IOException {
        var common = testSet("val", CLASSES, List.of(
                new Image("a", new float[] {1, 0, 0, 0}, "circle", "photo", "common"),
                new Image("b", new float[] {0, 1, 0, 0}, "circle", "photo", "common")));
        var counter = testSet("counter", CLASSES, List.of(
                new Image("c", new float[] {0, 1, 0, 0}, "circle", "photo", "counter"),
                new Image("d", new float[] {1, 0, 0, 0}, "star", "photo", "counter")));
        List<MetricRow> drops = evaluate(List.of(common, counter), dir.resolve("out")).stream()
                .filter(r -> r.metric().equals(BackgroundDrop.METRIC)).toList();
        assertEquals(1, drops.size(), "neither set holds both groups; only the pooled photo row: " + drops);
        assertEquals("* photo", drops.get(0).testSet() + " " + drops.get(0).domain());
        assertEquals(0.5 - 0.0, drops.get(0).value(), 1e-12, "common: a right, b wrong; counter: c and d wrong");
        assertEquals(4, drops.get(0).n());
    }

    @Test
    void accuracyPerBinOfNearestPoolSimilarityToTheModelsTrainingSplit() throws IOException {
        List<Image> images = List.of(
                new Image("a", new float[] {1, 0, 0, 0}, "circle", "photo", ""),
                new Image("b", new float[] {0, 1, 0, 0}, "circle", "photo", ""),
                new Image("c", new float[] {0, 0, 1, 0}, "star", "photo", ""),
                new Image("d", new float[] {0, 0, 1, 0}, "star", "photo", ""));
        var test = testSet("near", CLASSES, images);
        Path similarity = Files.createDirectories(dir.resolve("similarity"));
        try (var writer = AvroRecordFile.<TestPointSimilarity>create(
                similarity.resolve(NearestPoolSimilarity.FILE), TestPointSimilarity.getClassSchema(), "t")) {
            // Pool neighbours, best first: p1 is not in the split, so a's nearest in the split is p2 (0.3).
            writer.append(point("a", 0.9f, "p1", 0.3f, "p2"));
            writer.append(point("b", 0.8f, "p2", 0.1f, "p3"));
            writer.append(point("c", 0.4f, "p3", 0.2f, "p4"));
            writer.append(point("d", 0.95f, "p1", 0.9f, "p1b"));
            writer.commit();
        }
        Path split = dir.resolve("split.tsv");
        Whitelist.write(split, List.of(new String[] {"pool", "p2"}, new String[] {"pool", "p3"},
                new String[] {"pool", "p4"}));
        var analyses = new ZeroShotEvaluation.Analyses(NearestPoolSimilarity.read(similarity,
                Whitelist.read(split)), SimilarityAccuracy.Binning.parse("0,0.5,1"), Set.of(), Map.of(), 1);
        List<MetricRow> rows = evaluate(List.of(test), List.of("a photo of a {}."), analyses, dir.resolve("out"));
        // In the split: a 0.3 (right), b 0.8 (wrong), c 0.4 (right); d has none of its neighbours in it.
        assertEquals(List.of("points_beyond_top_k  1/4", "top1 [0.0000,0.5000) 2/2", "top1 [0.5000,1.0000] 0/1"),
                rows.stream().filter(r -> !r.bin().isEmpty() || r.metric().equals("points_beyond_top_k"))
                        .map(r -> r.metric() + " " + r.bin() + " " + Math.round(r.value() * (r.bin().isEmpty() ? 1 : r.n())) + "/" + r.n())
                        .toList());
    }

    private static TestPointSimilarity point(String key, float first, String firstKey, float second,
            String secondKey) {
        return new TestPointSimilarity("near", key, null, null, List.of(
                new PoolNeighbour("pool", firstKey, first),
                new PoolNeighbour("pool", secondKey, second)));
    }

    @Test
    void accuracyOnHeldOutClassesAndOnACleanTestSet() throws IOException {
        List<Image> images = List.of(
                new Image("a", new float[] {1, 0, 0, 0}, "circle", "photo", ""),
                new Image("c", new float[] {0, 0, 1, 0}, "star", "photo", ""),
                new Image("d", new float[] {0, 1, 0, 0}, "circle", "sketch", ""),
                new Image("e", new float[] {0, 0, 1, 0.1f}, "star", "sketch", ""),
                new Image("f", new float[] {1, 0, 0.2f, 0}, "star", "sketch", ""));
        var test = testSet("mixed", CLASSES, images);
        Path clean = dir.resolve("clean.tsv");
        Whitelist.write(clean, List.of(new String[] {"mixed", "a"}, new String[] {"mixed", "d"}));
        var analyses = new ZeroShotEvaluation.Analyses(null, null, Set.of("star"), Map.of("mixed", Whitelist.read(clean)), 1);
        List<MetricRow> rows = evaluate(List.of(test), List.of("a photo of a {}."), analyses, dir.resolve("out"));
        assertEquals(List.of("top1_heldout  2/3", "top1_heldout photo 1/1", "top1_heldout sketch 1/2", "top1_clean  1/2",
                "top1_clean photo 1/1", "top1_clean sketch 0/1"), rows.stream().filter(r -> r.metric().contains("_"))
                .filter(r -> !r.metric().equals(BackgroundDrop.METRIC))
                .map(r -> r.metric() + " " + r.domain() + " " + Math.round(r.value() * r.n()) + "/" + r.n()).toList());
    }

    @Test
    void aTestSetsClassListMasksThePredictions() throws IOException {
        // Nearest to star, but star is not one of this test set's classes: the best allowed class is square.
        List<Image> images = List.of(new Image("x", new float[] {0, 0.5f, 1, 0}, "square", "photo", ""));
        List<MetricRow> rows = evaluate(List.of(testSet("masked", List.of("circle", "square"), images)), dir.resolve("out"));
        assertEquals(1.0, rows.get(0).value());
        assertTrue(Files.readAllLines(dir.resolve("out/predictions/masked.tsv")).get(1).startsWith("x\tsquare\tsquare\t"));
    }

    @Test
    void anImageOfAClassOutsideItsTestSetsClassesIsAnErrorNamingIt() throws IOException {
        List<Image> images = List.of(new Image("y", new float[] {0, 0, 1, 0}, "star", "photo", ""));
        var test = testSet("narrow", List.of("circle", "square"), images);
        IOException error = assertThrows(IOException.class, () -> evaluate(List.of(test), dir.resolve("out")));
        assertTrue(error.getMessage().contains("sample 'y' has class 'star'"), error.getMessage());
    }

    @Test
    void promptTemplatesComeFromBuiltInSetsAndFiles() throws IOException {
        assertEquals(80, PromptTemplates.load("openai").size());
        assertTrue(PromptTemplates.load("openai,domains").contains("a sketch of a {}."));
        Path file = Files.writeString(dir.resolve("mine.txt"), "# my templates\na blueprint of a {}.\n\n");
        assertEquals(List.of("a blueprint of a {}."), PromptTemplates.load(file.toString()));
        Path bad = Files.writeString(dir.resolve("bad.txt"), "no placeholder\n");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> PromptTemplates.load(bad.toString()));
        assertTrue(error.getMessage().contains("line 1: a template needs exactly one {}"), error.getMessage());
    }
}
