package org.clipdg.similarity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.clipdg.core.AvroJson;
import org.clipdg.core.AvroRecordFile;
import org.clipdg.core.Chunk;
import org.clipdg.core.EmbeddingFixtures;
import org.clipdg.core.embedding.EmbeddedDataset;
import org.clipdg.core.embedding.UnitVectors;
import org.clipdg.schema.EmbeddingManifest;
import org.clipdg.schema.SimilarityManifest;
import org.clipdg.schema.TestPointSimilarity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The similarity step in chunks (thresholds, chunk, merge) writes the single pass's files, byte for byte. */
class SimilarityChunksTest {
    private static final String MODEL = EmbeddingFixtures.MODEL;
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    private static final int PRODUCTS = 1 << 20;
    private static final List<String> FILES = List.of(SimilarityPass.POOL_FILE, SimilarityPass.TESTS_FILE,
            SimilarityPass.SUMMARY_FILE, SimilarityPass.MANIFEST_FILE);

    @TempDir
    Path dir;
    private List<Path> pool;
    private List<Path> tests;
    private List<Path> reference;

    /**
     * Two pool datasets, pool_b before pool_a, in shards of 7 and 5. The first test point has five
     * copies of one vector as its nearest pool samples, spread over both datasets and several shards
     * (so over every chunk border below); with k = 3 the tie decides which stay: the smallest
     * (dataset, key), pool_a's, though pool order meets pool_b's first.
     */
    @BeforeEach
    void fixtures() throws IOException {
        float[] query = unit(1f, 0.2f, 0f, 0f, 0.1f, 0f);
        Map<String, float[]> poolB = new TreeMap<>(EmbeddingFixtures.randomUnitVectors("b", 30, 6, 51));
        Map<String, float[]> poolA = new TreeMap<>(EmbeddingFixtures.randomUnitVectors("a", 24, 6, 52));
        float[] copy = unit(1f, 0.25f, 0f, 0f, 0.1f, 0f);
        for (String key : List.of("b000003", "b000017", "b000029")) {
            poolB.put(key, copy.clone());
        }
        for (String key : List.of("a000011", "a000020")) {
            poolA.put(key, copy.clone());
        }
        pool = List.of(EmbeddingFixtures.write(dir.resolve("pool_b"), "pool_b", MODEL, poolB, 7),
                EmbeddingFixtures.write(dir.resolve("pool_a"), "pool_a", MODEL, poolA, 5));
        Map<String, float[]> photos = new LinkedHashMap<>(EmbeddingFixtures.randomUnitVectors("q", 9, 6, 53));
        photos.put("q000000", query);
        tests = List.of(EmbeddingFixtures.write(dir.resolve("photo"), "photo", MODEL, new TreeMap<>(photos), 4),
                EmbeddingFixtures.write(dir.resolve("sketch"), "sketch", MODEL, EmbeddingFixtures.randomUnitVectors("s", 6, 6, 54), 6));
        reference = List.of(EmbeddingFixtures.write(dir.resolve("ref"), "ref", MODEL,
                EmbeddingFixtures.randomUnitVectors("r", 25, 6, 55), 4));
    }

    private static float[] unit(float... values) {
        return UnitVectors.l2Normalised(values);
    }

    private Path single(String name, SimilarityKernel kernel, SimilarityPass.Settings settings) throws IOException {
        Path out = dir.resolve(name);
        new SimilarityPass(kernel, settings, QUIET).run(SimilarityInputs.open(pool, tests, reference), out);
        return out;
    }

    /** Thresholds in {@code referenceChunks} chunks, the pool in {@code chunks}, then the merge (chunks given in reverse). */
    private Path chunked(String name, SimilarityKernel kernel, SimilarityPass.Settings settings, int chunks, int referenceChunks)
            throws IOException {
        List<Path> thresholds = new ArrayList<>();
        for (int i = 0; i < referenceChunks; i++) {
            Path out = dir.resolve(name + "-thresholds-" + i);
            ReferenceThresholds.run(kernel, PRODUCTS, SimilarityInputs.open(List.of(), tests, reference),
                    new Chunk(i, referenceChunks), out, QUIET);
            thresholds.add(out);
        }
        List<Path> parts = new ArrayList<>();
        for (int i = chunks - 1; i >= 0; i--) {
            Path out = dir.resolve(name + "-chunk-" + i);
            new SimilarityChunk(kernel, settings, QUIET).run(SimilarityInputs.open(pool, tests, List.of()), thresholds,
                    new Chunk(i, chunks), out);
            parts.add(out);
        }
        Path out = dir.resolve(name);
        new SimilarityMerge(QUIET).run(parts, SimilarityInputs.open(List.of(), tests, List.of()), thresholds, out);
        return out;
    }

    private static void assertSameFiles(Path expected, Path actual, List<String> files) throws IOException {
        for (String file : files) {
            assertArrayEquals(Files.readAllBytes(expected.resolve(file)), Files.readAllBytes(actual.resolve(file)), actual + "/" + file);
        }
        try (Stream<Path> listing = Files.list(actual)) {
            assertEquals(files.stream().sorted().toList(), listing.map(p -> p.getFileName().toString()).sorted().toList(),
                    "and nothing else");
        }
    }

    @Test
    void oneTwoAndThreeChunksWriteTheSinglePassFilesAndTiesAcrossChunksRankByDatasetAndKey() throws IOException {
        SimilarityPass.Settings exact = new SimilarityPass.Settings(3, 0, 1, PRODUCTS);
        for (SimilarityKernel kernel : List.of(new BruteForce(), NativeKernel.withThreads(1))) {
            String kind = kernel.getClass().getSimpleName();
            Path expected = single(kind, kernel, exact);
            for (int chunks = 1; chunks <= 3; chunks++) {
                assertSameFiles(expected, chunked(kind + "-" + chunks, kernel, exact, chunks, chunks), FILES);
            }
        }
        List<TestPointSimilarity> points = new ArrayList<>();
        AvroRecordFile.forEach(dir.resolve("BruteForce-3").resolve(SimilarityPass.TESTS_FILE), TestPointSimilarity.class, points::add);
        TestPointSimilarity tied = points.stream().filter(p -> p.getKey().equals("q000000")).findFirst().orElseThrow();
        assertEquals(List.of("pool_a/a000011", "pool_a/a000020", "pool_b/b000003"),
                tied.getNeighbours().stream().map(n -> n.getDataset() + "/" + n.getKey()).toList());
        assertEquals(1, tied.getNeighbours().stream().map(n -> n.getSimilarity()).distinct().count(), "an exact tie");
    }

    @Test
    void theCandidateCapCountsTheSameWhenItsChunksAreNeverSplit() throws IOException {
        // Cap chunks of >= 12 samples: two shards each (7 + 7, ..., then 5 + 5 + 5); the pool chunks hold whole cap chunks.
        SimilarityPass.Settings capped = new SimilarityPass.Settings(3, 1, 12, PRODUCTS);
        Path expected = single("capped", new BruteForce(), capped);
        SimilarityManifest manifest = AvroJson.read(expected.resolve(SimilarityPass.MANIFEST_FILE), SimilarityManifest.class);
        assertTrue(manifest.getMatchedPoolSamplesCombinedWithinCap() < manifest.getMatchedPoolSamplesCombined(),
                "the cap drops some removals here: " + manifest);
        for (int chunks = 2; chunks <= 3; chunks++) {
            assertSameFiles(expected, chunked("capped-" + chunks, new BruteForce(), capped, chunks, 1), FILES);
        }
    }

    @Test
    void approximateSearchesAndTheirRecallMergeToo() throws IOException {
        List<String> files = Stream.concat(FILES.stream(), Stream.of(SimilarityPass.RECALL_FILE)).toList();
        for (ApproximateSearch.Settings index : List.of(new ApproximateSearch.Settings("Flat", 4, Map.of(), 5, 7),
                new ApproximateSearch.Settings("IVF2,Flat", 2, Map.of("nprobe", 1.0), 5, 7))) {
            SimilarityPass.Settings settings = new SimilarityPass.Settings(3, 0, 1, PRODUCTS, index);
            String name = index.factory().replace(',', '_');
            Path expected = single(name, new BruteForce(), settings);
            assertSameFiles(expected, chunked(name + "-3", new BruteForce(), settings, 3, 2), files);
        }
    }

    @Test
    void aMissingForeignOrDuplicateChunkIsRefusedByName() throws IOException {
        SimilarityPass.Settings exact = new SimilarityPass.Settings(3, 0, 1, PRODUCTS);
        chunked("whole", new BruteForce(), exact, 3, 1);
        SimilarityInputs testsOnly = SimilarityInputs.open(List.of(), tests, List.of());
        List<Path> thresholds = List.of(dir.resolve("whole-thresholds-0"));
        Path out = dir.resolve("merged");
        SimilarityMerge merge = new SimilarityMerge(QUIET);

        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> merge.run(
                List.of(dir.resolve("whole-chunk-0"), dir.resolve("whole-chunk-2")), testsOnly, thresholds, out));
        assertEquals("similarity chunk(s) [1] of 3 missing", missing.getMessage());

        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> merge.run(
                List.of(dir.resolve("whole-chunk-0"), dir.resolve("whole-chunk-1"), dir.resolve("whole-chunk-1")), testsOnly,
                thresholds, out));
        assertEquals("similarity chunk 1/3 given twice: " + dir.resolve("whole-chunk-1") + " and " + dir.resolve("whole-chunk-1"),
                twice.getMessage());

        Path otherK = dir.resolve("k4-chunk-1");
        new SimilarityChunk(new BruteForce(), new SimilarityPass.Settings(4, 0, 1, PRODUCTS), QUIET).run(
                SimilarityInputs.open(pool, tests, List.of()), thresholds, new Chunk(1, 3), otherK);
        IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class, () -> merge.run(
                List.of(dir.resolve("whole-chunk-0"), otherK, dir.resolve("whole-chunk-2")), testsOnly, thresholds, out));
        assertTrue(foreign.getMessage().startsWith(otherK + ": a chunk of another similarity run"), foreign.getMessage());

        IllegalArgumentException noThresholds = assertThrows(IllegalArgumentException.class, () -> merge.run(
                List.of(dir.resolve("whole-chunk-0"), dir.resolve("whole-chunk-1"), dir.resolve("whole-chunk-2")), testsOnly,
                List.of(), out));
        assertEquals("the chunks used other thresholds than the ones given (--thresholds)", noThresholds.getMessage());
        assertTrue(Files.notExists(out.resolve(SimilarityPass.MANIFEST_FILE)), "no merge written");

        Path halfReference = dir.resolve("half-reference");
        ReferenceThresholds.run(new BruteForce(), PRODUCTS, SimilarityInputs.open(List.of(), tests, reference), new Chunk(0, 2),
                halfReference, QUIET);
        IllegalArgumentException half = assertThrows(IllegalArgumentException.class, () -> new SimilarityChunk(new BruteForce(),
                exact, QUIET).run(SimilarityInputs.open(pool, tests, List.of()), List.of(halfReference), new Chunk(0, 3),
                dir.resolve("unused")));
        assertEquals("thresholds chunk(s) [1] of 2 missing", half.getMessage());
    }

    @Test
    void aShardThatDisagreesWithItsManifestIsNamedBeforeItsChunkIsWritten() throws IOException {
        Path manifestFile = pool.get(1).resolve(EmbeddedDataset.MANIFEST);
        EmbeddingManifest manifest = AvroJson.read(manifestFile, EmbeddingManifest.class);
        manifest.getShards().get(0).setNumEmbeddings(4L);
        AvroJson.write(manifestFile, manifest);
        IOException wrong = assertThrows(IOException.class, () -> new SimilarityChunk(new BruteForce(),
                new SimilarityPass.Settings(3, 0, 1, PRODUCTS), QUIET).run(SimilarityInputs.open(pool, tests, List.of()), List.of(),
                Chunk.WHOLE, dir.resolve("out")));
        assertEquals(pool.get(1).resolve("embeddings-00000.avro") + ": 5 embeddings, but " + pool.get(1) + "/manifest.json says 4",
                wrong.getMessage());
        assertTrue(Files.notExists(dir.resolve("out").resolve(SimilarityPass.MANIFEST_FILE)));
    }
}
