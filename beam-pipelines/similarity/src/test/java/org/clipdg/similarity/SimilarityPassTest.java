package org.clipdg.similarity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.clipdg.core.AvroRecordFile;
import org.clipdg.core.EmbeddingFixtures;
import org.clipdg.core.embedding.UnitVectors;
import org.clipdg.schema.PoolSampleSimilarity;
import org.clipdg.schema.SimilarityManifest;
import org.clipdg.schema.TestPointSimilarity;
import org.clipdg.schema.TestSetMatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimilarityPassTest {
    private static final String MODEL = EmbeddingFixtures.MODEL;
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    Path dir;

    private SimilarityManifest run(List<Path> pool, List<Path> tests, List<Path> reference, Path out, int k, int cap,
            long capChunk, int productFloats) throws IOException {
        SimilarityInputs inputs = SimilarityInputs.open(pool, tests, reference);
        return new SimilarityPass(new BruteForce(), new SimilarityPass.Settings(k, cap, capChunk, productFloats), QUIET)
                .run(inputs, out);
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> List<T> read(Path file, Class<T> type) throws IOException {
        List<T> records = new ArrayList<>();
        AvroRecordFile.forEach(file, type, records::add);
        return records;
    }

    @Test
    void everyFigureFollowsTheDefinitions() throws IOException {
        Map<String, float[]> pool = EmbeddingFixtures.randomUnitVectors("p", 90, 8, 1);
        Map<String, float[]> photos = EmbeddingFixtures.randomUnitVectors("q", 15, 8, 2);
        Map<String, float[]> sketches = EmbeddingFixtures.randomUnitVectors("s", 10, 8, 3);
        Map<String, float[]> reference = EmbeddingFixtures.randomUnitVectors("r", 30, 8, 4);
        Path out = dir.resolve("out");
        SimilarityManifest manifest = run(List.of(EmbeddingFixtures.write(dir.resolve("pool"), "pool", MODEL, pool, 40)),
                List.of(EmbeddingFixtures.write(dir.resolve("photo"), "photo", MODEL, photos, 100),
                        EmbeddingFixtures.write(dir.resolve("sketch"), "sketch", MODEL, sketches, 4)),
                List.of(EmbeddingFixtures.write(dir.resolve("ref"), "ref", MODEL, reference, 7)), out, 5, 0, 1, 1 << 20);

        Map<String, Map<String, float[]>> tests = new LinkedHashMap<>();
        tests.put("photo", photos);
        tests.put("sketch", sketches);
        Map<String, Double> thresholds = new TreeMap<>();
        for (Map<String, float[]> test : tests.values()) {
            test.forEach((key, q) -> thresholds.put(key, reference.values().stream().mapToDouble(r -> (float) dot(q, r)).max().orElseThrow()));
        }

        List<TestPointSimilarity> points = read(out.resolve(SimilarityPass.TESTS_FILE), TestPointSimilarity.class);
        assertEquals(25, points.size());
        for (TestPointSimilarity point : points) {
            float[] q = tests.get(point.getTestSet().toString()).get(point.getKey().toString());
            assertEquals(thresholds.get(point.getKey().toString()), point.getReferenceSimilarity(), 0.0);
            List<Map.Entry<String, float[]>> ranked = new ArrayList<>(pool.entrySet());
            ranked.sort(Comparator.comparingDouble((Map.Entry<String, float[]> e) -> -(float) dot(q, e.getValue()))
                    .thenComparing(Map.Entry::getKey));
            assertEquals(5, point.getNeighbours().size());
            for (int i = 0; i < 5; i++) {
                assertEquals(ranked.get(i).getKey(), point.getNeighbours().get(i).getKey().toString());
                assertEquals((float) dot(q, ranked.get(i).getValue()), point.getNeighbours().get(i).getSimilarity(), 0f);
            }
        }

        List<PoolSampleSimilarity> samples = read(out.resolve(SimilarityPass.POOL_FILE), PoolSampleSimilarity.class);
        assertEquals(new ArrayList<>(pool.keySet()), samples.stream().map(s -> s.getKey().toString()).toList());
        long combined = 0;
        long[] matchedPerSet = new long[2];
        for (PoolSampleSimilarity sample : samples) {
            float[] x = pool.get(sample.getKey().toString());
            boolean any = false;
            int t = 0;
            for (Map.Entry<String, Map<String, float[]>> test : tests.entrySet()) {
                TestSetMatch match = sample.getTests().get(t);
                assertEquals(test.getKey(), match.getTestSet().toString());
                double best = Double.NEGATIVE_INFINITY;
                String nearest = null;
                int matching = 0;
                for (Map.Entry<String, float[]> q : test.getValue().entrySet()) {
                    float similarity = (float) dot(q.getValue(), x);
                    if (similarity > best) {
                        best = similarity;
                        nearest = q.getKey();
                    }
                    matching += similarity > thresholds.get(q.getKey()) ? 1 : 0;
                }
                assertEquals(best, match.getMaxSimilarity(), 0.0);
                assertEquals(nearest, match.getNearestKey().toString());
                assertEquals(matching, match.getMatchingQueries());
                assertNull(match.getMatchingQueriesWithinCap());
                matchedPerSet[t] += matching > 0 ? 1 : 0;
                any |= matching > 0;
                t++;
            }
            combined += any ? 1 : 0;
        }
        assertTrue(combined > 0 && combined < 90, "the random fixture should match some, not all: " + combined);
        assertEquals(combined, manifest.getMatchedPoolSamplesCombined());
        assertEquals(matchedPerSet[0], manifest.getTests().get(0).getMatchedPoolSamples());
        assertEquals(matchedPerSet[1], manifest.getTests().get(1).getMatchedPoolSamples());
        assertTrue(Files.readString(out.resolve(SimilarityPass.SUMMARY_FILE)).startsWith("test_set\ttest_points\t"));
    }

    private static float[] unit(float... values) {
        return UnitVectors.l2Normalised(values);
    }

    @Test
    void matchingIsStrictlyGreaterThanTheReferenceThreshold() throws IOException {
        float[] referenceNeighbour = unit(1f, 0.5f, 0f);
        Map<String, float[]> pool = new TreeMap<>(Map.of(
                "copy_of_reference", referenceNeighbour.clone(),
                "closer", unit(1f, 0.4f, 0f),
                "far", unit(0f, 0f, 1f)));
        Path out = dir.resolve("out");
        run(List.of(EmbeddingFixtures.write(dir.resolve("pool"), "pool", MODEL, pool, 10)),
                List.of(EmbeddingFixtures.write(dir.resolve("test"), "test", MODEL, Map.of("q", unit(1f, 0f, 0f)), 10)),
                List.of(EmbeddingFixtures.write(dir.resolve("ref"), "ref", MODEL, Map.of("r", referenceNeighbour), 10)),
                out, 3, 0, 1, 1 << 20);
        Map<String, Integer> matching = new TreeMap<>();
        for (PoolSampleSimilarity sample : read(out.resolve(SimilarityPass.POOL_FILE), PoolSampleSimilarity.class)) {
            matching.put(sample.getKey().toString(), sample.getTests().get(0).getMatchingQueries());
        }
        assertEquals(Map.of("closer", 1, "copy_of_reference", 0, "far", 0), matching);
    }

    @Test
    void equalSimilaritiesRankByKeyAndKLargerThanThePoolKeepsEverySample() throws IOException {
        float[] v = unit(1f, 1f, 0f);
        Map<String, float[]> pool = new TreeMap<>(Map.of("b", v.clone(), "a", v.clone(), "c", unit(0f, 1f, 0f)));
        Path out = dir.resolve("out");
        run(List.of(EmbeddingFixtures.write(dir.resolve("pool"), "pool", MODEL, pool, 1)),
                List.of(EmbeddingFixtures.write(dir.resolve("test"), "test", MODEL, Map.of("q", unit(1f, 0f, 0f)), 10)),
                List.of(), out, 10, 0, 1, 1 << 20);
        TestPointSimilarity point = read(out.resolve(SimilarityPass.TESTS_FILE), TestPointSimilarity.class).get(0);
        assertEquals(List.of("a", "b", "c"), point.getNeighbours().stream().map(n -> n.getKey().toString()).toList());
        assertNull(point.getReferenceSimilarity(), "no reference set, no threshold");
    }

    @Test
    void streamingInSmallSlicesGivesTheSameFilesAsOneBigProduct() throws IOException {
        Map<String, float[]> pool = EmbeddingFixtures.randomUnitVectors("p", 60, 6, 5);
        Path test = EmbeddingFixtures.write(dir.resolve("test"), "test", MODEL, EmbeddingFixtures.randomUnitVectors("q", 9, 6, 6), 4);
        Path reference = EmbeddingFixtures.write(dir.resolve("ref"), "ref", MODEL, EmbeddingFixtures.randomUnitVectors("r", 12, 6, 7), 5);
        run(List.of(EmbeddingFixtures.write(dir.resolve("pool-big"), "pool", MODEL, pool, 1000)), List.of(test),
                List.of(reference), dir.resolve("big"), 4, 0, 1, 1 << 20);
        run(List.of(EmbeddingFixtures.write(dir.resolve("pool-small"), "pool", MODEL, pool, 7)), List.of(test),
                List.of(reference), dir.resolve("small"), 4, 0, 1, 1);
        for (String file : List.of(SimilarityPass.POOL_FILE, SimilarityPass.TESTS_FILE, SimilarityPass.SUMMARY_FILE)) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("big").resolve(file)), Files.readAllBytes(dir.resolve("small").resolve(file)), file);
        }
    }

    @Test
    void theCandidateCapCountsWhatItWouldDrop() throws IOException {
        // One query, three pool samples closer to it than its reference neighbour: the cap of 1 keeps only the closest per chunk.
        Map<String, float[]> pool = new TreeMap<>(Map.of("x1", unit(1f, 0.1f, 0f), "x2", unit(1f, 0.2f, 0f),
                "x3", unit(1f, 0.3f, 0f), "x4", unit(1f, 0.05f, 0f)));
        Path out = dir.resolve("out");
        SimilarityManifest manifest = run(List.of(EmbeddingFixtures.write(dir.resolve("pool"), "pool", MODEL, pool, 2)),
                List.of(EmbeddingFixtures.write(dir.resolve("test"), "test", MODEL, Map.of("q", unit(1f, 0f, 0f)), 10)),
                List.of(EmbeddingFixtures.write(dir.resolve("ref"), "ref", MODEL, Map.of("r", unit(1f, 0.5f, 0f)), 10)),
                out, 2, 1, 2, 1 << 20);
        assertEquals(4, manifest.getMatchedPoolSamplesCombined());
        assertEquals(2, manifest.getMatchedPoolSamplesCombinedWithinCap(), "chunks {x1,x2} and {x3,x4}: one each");
        Map<String, Integer> withinCap = new TreeMap<>();
        for (PoolSampleSimilarity sample : read(out.resolve(SimilarityPass.POOL_FILE), PoolSampleSimilarity.class)) {
            withinCap.put(sample.getKey().toString(), sample.getTests().get(0).getMatchingQueriesWithinCap());
        }
        assertEquals(Map.of("x1", 1, "x2", 0, "x3", 0, "x4", 1), withinCap);
    }

    @Test
    void inputsFromDifferentModelsOrDimensionsAreRejectedBeforeAnyWork() throws IOException {
        Path pool = EmbeddingFixtures.write(dir.resolve("pool"), "pool", MODEL, EmbeddingFixtures.randomUnitVectors("p", 3, 4, 1), 10);
        Path otherModel = EmbeddingFixtures.write(dir.resolve("t1"), "t1", "another-model", EmbeddingFixtures.randomUnitVectors("q", 3, 4, 2), 10);
        Path otherDimension = EmbeddingFixtures.write(dir.resolve("t2"), "t2", MODEL, EmbeddingFixtures.randomUnitVectors("q", 3, 5, 2), 10);
        IllegalArgumentException model = assertThrows(IllegalArgumentException.class,
                () -> SimilarityInputs.open(List.of(pool), List.of(otherModel), List.of()));
        assertTrue(model.getMessage().contains("different models") && model.getMessage().contains("another-model"), model.getMessage());
        IllegalArgumentException dimension = assertThrows(IllegalArgumentException.class,
                () -> SimilarityInputs.open(List.of(pool), List.of(otherDimension), List.of()));
        assertTrue(dimension.getMessage().contains("4-d") && dimension.getMessage().contains("5-d"), dimension.getMessage());
    }

    @Test
    void nanOrUnnormalisedVectorsNameTheShardAndKeyAndLeaveNoOutput() throws IOException {
        Path test = EmbeddingFixtures.write(dir.resolve("test"), "test", MODEL, Map.of("q", unit(1f, 0f)), 10);
        Map<String, float[]> withNaN = new TreeMap<>(Map.of("good", unit(0f, 1f), "broken", new float[] {Float.NaN, 0f}));
        Map<String, float[]> unnormalised = new TreeMap<>(Map.of("long", new float[] {2f, 0f}));
        Path out = dir.resolve("out");
        IOException nan = assertThrows(IOException.class, () -> run(
                List.of(EmbeddingFixtures.write(dir.resolve("nan"), "pool", MODEL, withNaN, 10)), List.of(test), List.of(), out, 1, 0, 1, 64));
        assertTrue(nan.getMessage().contains("embeddings-00000.avro") && nan.getMessage().contains("key 'broken'")
                && nan.getMessage().contains("NaN"), nan.getMessage());
        assertFalse(Files.exists(out.resolve(SimilarityPass.POOL_FILE)));
        assertFalse(Files.exists(out.resolve(SimilarityPass.MANIFEST_FILE)));
        IOException norm = assertThrows(IOException.class, () -> run(
                List.of(EmbeddingFixtures.write(dir.resolve("long"), "pool", MODEL, unnormalised, 10)), List.of(test), List.of(), out, 1, 0, 1, 64));
        assertTrue(norm.getMessage().contains("key 'long'") && norm.getMessage().contains("not L2-normalised"), norm.getMessage());
    }

    private SimilarityManifest runApproximate(Path pool, Path test, Path reference, Path out, ApproximateSearch.Settings approximate)
            throws IOException {
        SimilarityInputs inputs = SimilarityInputs.open(List.of(pool), List.of(test), List.of(reference));
        return new SimilarityPass(new BruteForce(), new SimilarityPass.Settings(5, 0, 1, 1 << 20, approximate), QUIET).run(inputs, out);
    }

    @Test
    void anApproximateSearchThatRetrievesEveryTestPointAgreesWithExactSearchAndSaysSo() throws IOException {
        Path pool = EmbeddingFixtures.write(dir.resolve("pool"), "pool", MODEL, EmbeddingFixtures.randomUnitVectors("p", 80, 8, 21), 30);
        Path test = EmbeddingFixtures.write(dir.resolve("test"), "test", MODEL, EmbeddingFixtures.randomUnitVectors("q", 12, 8, 22), 12);
        Path reference = EmbeddingFixtures.write(dir.resolve("ref"), "ref", MODEL, EmbeddingFixtures.randomUnitVectors("r", 20, 8, 23), 20);
        SimilarityManifest exact = run(List.of(pool), List.of(test), List.of(reference), dir.resolve("exact"), 5, 0, 1, 1 << 20);
        SimilarityManifest flat = runApproximate(pool, test, reference, dir.resolve("flat"),
                new ApproximateSearch.Settings("Flat", 12, Map.of(), 12, 1));
        assertEquals("Flat", flat.getSearch());
        assertEquals(exact.getMatchedPoolSamplesCombined(), flat.getMatchedPoolSamplesCombined());
        assertEquals(1, flat.getRecall().size());
        assertEquals(1.0, flat.getRecall().get(0).getRecallAtK(), 0.0);
        assertEquals(flat.getRecall().get(0).getMatchedPairsExact(), flat.getRecall().get(0).getMatchedPairsFound());
        List<TestPointSimilarity> exactPoints = read(dir.resolve("exact").resolve(SimilarityPass.TESTS_FILE), TestPointSimilarity.class);
        List<TestPointSimilarity> flatPoints = read(dir.resolve("flat").resolve(SimilarityPass.TESTS_FILE), TestPointSimilarity.class);
        for (int i = 0; i < exactPoints.size(); i++) {
            assertEquals(exactPoints.get(i).getNeighbours().stream().map(n -> n.getKey().toString()).toList(),
                    flatPoints.get(i).getNeighbours().stream().map(n -> n.getKey().toString()).toList());
        }
        assertTrue(Files.readString(dir.resolve("flat").resolve(SimilarityPass.RECALL_FILE)).startsWith("test_set\tsampled_queries"));
        assertFalse(Files.exists(dir.resolve("exact").resolve(SimilarityPass.RECALL_FILE)), "exact search has nothing to measure");
    }

    @Test
    void anIvfIndexSearchingOneListMissesNeighboursAndTheRecallShowsIt() throws IOException {
        Path pool = EmbeddingFixtures.write(dir.resolve("pool"), "pool", MODEL, EmbeddingFixtures.randomUnitVectors("p", 400, 16, 31), 100);
        Path test = EmbeddingFixtures.write(dir.resolve("test"), "test", MODEL, EmbeddingFixtures.randomUnitVectors("q", 400, 16, 32), 400);
        Path reference = EmbeddingFixtures.write(dir.resolve("ref"), "ref", MODEL, EmbeddingFixtures.randomUnitVectors("r", 50, 16, 33), 50);
        SimilarityManifest ivf = runApproximate(pool, test, reference, dir.resolve("ivf"),
                new ApproximateSearch.Settings("IVF8,Flat", 4, Map.of("nprobe", 1.0), 100, 1));
        double recall = ivf.getRecall().get(0).getRecallAtK();
        assertEquals(100, ivf.getRecall().get(0).getSampledQueries());
        assertTrue(recall > 0 && recall < 1, "random vectors, one list of eight, four candidates: some neighbours missed, recall " + recall);
        assertTrue(ivf.getRecall().get(0).getMatchedPairsFound() < ivf.getRecall().get(0).getMatchedPairsExact(),
                ivf.getRecall().get(0).toString());
        IllegalArgumentException withCap = assertThrows(IllegalArgumentException.class, () -> new SimilarityPass.Settings(5, 10, 1, 64,
                new ApproximateSearch.Settings("Flat", 4, Map.of(), 10, 1)));
        assertTrue(withCap.getMessage().contains("does not combine"), withCap.getMessage());
    }
}
