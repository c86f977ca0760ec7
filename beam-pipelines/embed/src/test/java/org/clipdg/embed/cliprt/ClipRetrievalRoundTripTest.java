package org.clipdg.embed.cliprt;

import org.clipdg.core.embedding.UnitVectors;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.clipdg.core.embedding.EmbeddedDataset;
import org.clipdg.core.embedding.EmbeddingShardFile;
import org.clipdg.embed.EmbeddingFolder;
import org.clipdg.schema.EmbeddingManifest;
import org.clipdg.schema.ImageEmbedding;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipRetrievalRoundTripTest {
    private static final String MODEL = "ef".repeat(32);
    private static final int DIMENSION = 64;
    private static final int[] SHARD_SIZES = {5, 0, 3};

    @TempDir
    Path dir;
    Path embeddings;
    List<ImageEmbedding> original;

    private static EmbeddingFolder.Identity identity(String source) {
        return new EmbeddingFolder.Identity("ds", "01".repeat(32), "clip", MODEL, source, DIMENSION);
    }

    /** Three shards as the images path writes them (one empty), with keys that need CSV quoting. */
    @BeforeEach
    void writeEmbeddings() throws IOException {
        embeddings = dir.resolve("embeddings");
        Random random = new Random(11);
        List<EmbeddingFolder.PlannedShard> planned = new ArrayList<>();
        for (int s = 0; s < SHARD_SIZES.length; s++) {
            List<ImageEmbedding> records = new ArrayList<>();
            for (int r = 0; r < SHARD_SIZES[s]; r++) {
                records.add(record(s == 2 && r == 0 ? "odd \"key\", with comma" : "k" + s + "_" + r, random));
            }
            var shard = new EmbeddingFolder.PlannedShard(s, "ds-" + s + ".tar", "sha" + s, "in");
            Files.createDirectories(embeddings);
            var header = new EmbeddingShardFile.Header(shard.source(), shard.sourceSha256(), MODEL, records.size(), List.of());
            EmbeddingShardFile.write(embeddings.resolve(shard.name()), header, records);
            planned.add(shard);
        }
        EmbeddingFolder.finish(embeddings, identity("images"), planned);
        original = EmbeddedDataset.open(embeddings).readAll();
    }

    private static ImageEmbedding record(String key, Random random) {
        float[] raw = new float[DIMENSION];
        for (int d = 0; d < DIMENSION; d++) {
            raw[d] = (float) random.nextGaussian();
        }
        List<Float> unit = new ArrayList<>();
        for (float value : UnitVectors.l2Normalised(raw)) {
            unit.add(value);
        }
        return ImageEmbedding.newBuilder().setKey(key).setDataset("ds").setEmbedding(unit).setModelId(MODEL).build();
    }

    @Test
    void writesOneNpyAndCsvPerShardInKeyOrder() throws IOException {
        Path layout = dir.resolve("layout");
        ClipRetrievalWriter.write(embeddings, layout);

        float[][] first = NpyFixtures.read(ClipRetrievalLayout.embeddings(layout, 0));
        assertEquals(5, first.length);
        for (int d = 0; d < DIMENSION; d++) {
            assertEquals(original.get(0).getEmbedding().get(d), first[0][d]);
        }
        assertEquals(0, NpyFixtures.read(ClipRetrievalLayout.embeddings(layout, 1)).length);
        assertEquals("key,dataset\r\nk2_1,ds\r\nk2_2,ds\r\n\"odd \"\"key\"\", with comma\",ds\r\n",
                Files.readString(ClipRetrievalLayout.metadata(layout, 2), StandardCharsets.UTF_8));
        assertEquals(List.of("img_emb_0.npy", "img_emb_1.npy", "img_emb_2.npy"), names(layout.resolve("img_emb")));
        assertEquals(List.of("metadata_0.csv", "metadata_1.csv", "metadata_2.csv"), names(layout.resolve("metadata")));
    }

    @Test
    void exportIsDeterministic() throws IOException {
        ClipRetrievalWriter.write(embeddings, dir.resolve("a"));
        ClipRetrievalWriter.write(embeddings, dir.resolve("b"));
        for (int i = 0; i < SHARD_SIZES.length; i++) {
            assertArrayEquals(Files.readAllBytes(ClipRetrievalLayout.embeddings(dir.resolve("a"), i)),
                    Files.readAllBytes(ClipRetrievalLayout.embeddings(dir.resolve("b"), i)));
            assertArrayEquals(Files.readAllBytes(ClipRetrievalLayout.metadata(dir.resolve("a"), i)),
                    Files.readAllBytes(ClipRetrievalLayout.metadata(dir.resolve("b"), i)));
        }
    }

    @Test
    void importOfTheExportGivesIdenticalEmbeddingsAndKeys() throws IOException {
        Path layout = dir.resolve("layout");
        ClipRetrievalWriter.write(embeddings, layout);
        Set<String> keys = new HashSet<>();
        original.forEach(record -> keys.add(record.getKey().toString()));

        EmbeddingManifest manifest =
                PrecomputedImport.run(layout, dir.resolve("imported"), keys, identity(PrecomputedImport.SOURCE));

        assertEquals(8, manifest.getNumEmbeddings());
        assertEquals(0, manifest.getNumRejected());
        List<ImageEmbedding> imported = EmbeddedDataset.open(dir.resolve("imported")).readAll();
        assertEquals(original.stream().map(record -> record.getKey().toString()).toList(),
                imported.stream().map(record -> record.getKey().toString()).toList());
        for (int r = 0; r < original.size(); r++) {
            assertEquals(original.get(r).getEmbedding(), imported.get(r).getEmbedding(), "record " + r);
        }
    }

    @Test
    void refusesAFolderHoldingAnotherExport() throws IOException {
        Path stray = ClipRetrievalLayout.embeddings(dir.resolve("layout"), 7);
        Files.createDirectories(stray.getParent());
        Files.write(stray, new byte[0]);
        String message = assertThrows(IOException.class, () -> ClipRetrievalWriter.write(embeddings, dir.resolve("layout")))
                .getMessage();
        assertTrue(message.startsWith(stray.getParent() + ": holds 1 file(s) this export does not write, e.g. img_emb_7.npy"),
                message);
    }

    private static List<String> names(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
