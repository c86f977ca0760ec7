package org.clipdg.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.clipdg.core.AvroJson;
import org.clipdg.core.AvroRecordFile;
import org.clipdg.core.split.Whitelist;
import org.clipdg.schema.EmbeddingInput;
import org.clipdg.schema.PoolSampleSimilarity;
import org.clipdg.schema.PruneManifest;
import org.clipdg.schema.SimilarityManifest;
import org.clipdg.schema.TestSetMatch;
import org.clipdg.schema.TestSetSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitWriterTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    Path dir;

    /** A similarity folder for pool keys k0..k9 (k0 and k5 matched by test set "t", scores rising with the key). */
    private Path similarity(boolean withReference) throws IOException {
        return similarity(withReference, 10L);
    }

    private Path similarity(boolean withReference, long poolCountInManifest) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("similarity"));
        try (AvroRecordFile.Writer<PoolSampleSimilarity> writer = AvroRecordFile.create(folder.resolve("pool_similarity.avro"),
                PoolSampleSimilarity.getClassSchema(), "test")) {
            for (int i = 9; i >= 0; i--) {
                int matching = withReference && i % 5 == 0 ? 2 : 0;
                writer.append(new PoolSampleSimilarity("pool", "k" + i,
                        List.of(new TestSetMatch("t", i / 10f, "q", matching, null))));
            }
            writer.commit();
        }
        EmbeddingInput test = new EmbeddingInput("t", "sha", 3L);
        AvroJson.write(folder.resolve("manifest.json"), SimilarityManifest.newBuilder()
                .setModelCardSha256("model").setDimension(4).setSearch("exact").setK(1).setCandidateCap(0).setCapChunk(1)
                .setPool(List.of(new EmbeddingInput("pool", "sha", poolCountInManifest)))
                .setReference(withReference ? List.of(new EmbeddingInput("ref", "sha", 5L)) : List.of())
                .setTests(List.of(new TestSetSummary(test, 0.5, withReference ? 0.4 : null, withReference ? 2L : 0L, null)))
                .setMatchedPoolSamplesCombined(withReference ? 2 : 0).setToolVersion("test").build());
        return folder;
    }

    @Test
    void everySplitIsASortedWhitelistAndTwoRunsAreByteIdentical() throws IOException {
        Path similarity = similarity(true);
        SplitPlan plan = new SplitPlan(true, List.of(TargetSize.parse("3")), List.of("all", "t"), 11, null);
        PruneManifest manifest = new SplitWriter(QUIET).write(similarity, dir.resolve("a"), plan, List.of());
        new SplitWriter(QUIET).write(similarity, dir.resolve("b"), plan, List.of());
        List<String> names = manifest.getSplits().stream().map(s -> s.getName().toString()).toList();
        assertEquals(List.of("all", "similarity_matched-t", "similarity_matched-combined", "near-all-3", "far-all-3",
                "near-t-3", "far-t-3", "random-3"), names);
        for (String name : names) {
            Path file = dir.resolve("a/splits/" + name + ".tsv");
            assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(dir.resolve("b/splits/" + name + ".tsv")), name);
            Whitelist.read(file);
        }
        assertEquals("pool\tk1\npool\tk2\npool\tk3\npool\tk4\npool\tk6\npool\tk7\npool\tk8\npool\tk9\n",
                Files.readString(dir.resolve("a/splits/similarity_matched-t.tsv")));
        assertEquals("pool\tk0\npool\tk1\npool\tk2\n", Files.readString(dir.resolve("a/splits/near-t-3.tsv")));
        assertEquals("pool\tk7\npool\tk8\npool\tk9\n", Files.readString(dir.resolve("a/splits/far-t-3.tsv")));
        String summary = Files.readString(dir.resolve("a/splits.tsv"));
        assertTrue(summary.startsWith("split\trule\tparameters\tkept\tremoved\tsha256\n"), summary);
        assertTrue(summary.contains("similarity_matched-combined\tsimilarity_matched\ttest sets: t\t8\t2\t"), summary);
        assertEquals(10, manifest.getPoolSamples());
    }

    @Test
    void matchedSplitsWithoutAReferenceSetAreAClearErrorAndStaleSplitsGo() throws IOException {
        Path similarity = similarity(false);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new SplitWriter(QUIET).write(similarity, dir.resolve("out"), new SplitPlan(true, List.of(), List.of("all"), 1, null), List.of()));
        assertTrue(error.getMessage().contains("no reference set"), error.getMessage());
        Files.createDirectories(dir.resolve("out/splits"));
        Files.writeString(dir.resolve("out/splits/old-split.tsv"), "pool\tk1\n");
        new SplitWriter(QUIET).write(similarity, dir.resolve("out"), new SplitPlan(false, List.of(TargetSize.parse("2")), List.of("all"), 1, null), List.of());
        assertFalse(Files.exists(dir.resolve("out/splits/old-split.tsv")));
        assertTrue(Files.exists(dir.resolve("out/manifest.json")));
    }

    @Test
    void poolRecordsThatDisagreeWithTheManifestAreAClearError() throws IOException {
        Path similarity = similarity(true, 11L);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new SplitWriter(QUIET).write(similarity, dir.resolve("out"), new SplitPlan(true, List.of(), List.of("all"), 1, null), List.of()));
        assertTrue(error.getMessage().contains("10 records, the manifest counts 11"), error.getMessage());
        assertFalse(Files.exists(dir.resolve("out/manifest.json")));
    }
}
