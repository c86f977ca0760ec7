package org.clipdg.embed.cliprt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.clipdg.core.Hashing;
import org.clipdg.core.embedding.EmbeddedDataset;
import org.clipdg.core.embedding.EmbeddingShardFile;
import org.clipdg.core.embedding.Rejection;
import org.clipdg.embed.EmbeddingFolder;
import org.clipdg.schema.EmbeddingManifest;
import org.clipdg.schema.ImageEmbedding;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrecomputedImportTest {
    private static final String MODEL = "ab".repeat(32);
    private static final Set<String> DATASET_KEYS = Set.of("a", "b", "c", "d", "e", "f");

    @TempDir
    Path dir;
    Path layout;
    Path out;

    private static EmbeddingFolder.Identity identity(int dimension) {
        return new EmbeddingFolder.Identity("ds", "cd".repeat(32), "clip", MODEL, PrecomputedImport.SOURCE, dimension);
    }

    /** Parts 2 and 10 (numeric, not lexical, order): a pandas-style CSV with extra columns, and a plain one. */
    @BeforeEach
    void writeLayout() throws IOException {
        layout = dir.resolve("layout");
        out = dir.resolve("out");
        NpyFixtures.write(ClipRetrievalLayout.embeddings(layout, 2), new float[][] {{3, 4}, {1, 0}, {0, 0}, {Float.NaN, 1}}, 2);
        Files.writeString(Files.createDirectories(layout.resolve("metadata")).resolve("metadata_2.csv"),
                ",key,caption\n0,a,\"a cat, sitting\"\n1,zzz,x\n2,b,\n3,c,\"say \"\"hi\"\"\"\n");
        NpyFixtures.write(ClipRetrievalLayout.embeddings(layout, 10), new float[][] {{1, 1}, {0, -2}}, 2);
        Files.writeString(layout.resolve("metadata/metadata_10.csv"), "key\r\na\r\nd\r\n");
    }

    @Test
    void importsRenormalisedRowsAndRejectsTheRest() throws IOException {
        EmbeddingManifest manifest = PrecomputedImport.run(layout, out, DATASET_KEYS, identity(2));

        assertEquals(2, manifest.getNumEmbeddings());
        assertEquals(Map.of("bad_embedding", 2L, "duplicate_key", 1L, "no_embedding", 2L, "unknown_key", 1L),
                Map.copyOf(manifest.getRejectedByReason()));
        assertEquals(List.of("embeddings-00002.avro", "embeddings-00010.avro"),
                manifest.getShards().stream().map(shard -> shard.getName()).toList());
        assertEquals(List.of("img_emb/img_emb_2.npy", "img_emb/img_emb_10.npy"),
                manifest.getShards().stream().map(shard -> shard.getSource()).toList());
        assertEquals("precomputed", manifest.getSource());

        List<ImageEmbedding> records = EmbeddedDataset.open(out).readAll();
        assertEquals(List.of("a", "d"), records.stream().map(record -> record.getKey().toString()).toList());
        assertEquals(List.of(0.6f, 0.8f), records.get(0).getEmbedding());
        assertEquals(List.of(0.0f, -1.0f), records.get(1).getEmbedding());
        assertEquals(MODEL, records.get(0).getModelId().toString());
        assertEquals("ds", records.get(0).getDataset().toString());

        EmbeddingShardFile.Header first = EmbeddingShardFile.readHeader(out.resolve("embeddings-00002.avro"));
        assertEquals(Hashing.sha256(ClipRetrievalLayout.embeddings(layout, 2)), first.sourceSha256());
        assertEquals(List.of(
                new Rejection("zzz", "img_emb/img_emb_2.npy:1", "unknown_key", "not a key of dataset ds"),
                new Rejection("b", "img_emb/img_emb_2.npy:2", "bad_embedding", "norm is zero or not finite"),
                new Rejection("c", "img_emb/img_emb_2.npy:3", "bad_embedding", "norm is zero or not finite")), first.rejected());
        assertEquals(List.of(
                new Rejection("a", "img_emb/img_emb_10.npy:0", "duplicate_key", "already at img_emb/img_emb_2.npy:0"),
                new Rejection("e", "precomputed", "no_embedding", "in no metadata file of the precomputed layout"),
                new Rejection("f", "precomputed", "no_embedding", "in no metadata file of the precomputed layout")),
                EmbeddingShardFile.readHeader(out.resolve("embeddings-00010.avro")).rejected());
        assertEquals(7, Files.readAllLines(out.resolve(EmbeddedDataset.REJECTED)).size());
    }

    @Test
    void resumeKeepsFinishedShardsAndRedoesMissingOnes() throws IOException {
        PrecomputedImport.run(layout, out, DATASET_KEYS, identity(2));
        byte[] first = Files.readAllBytes(out.resolve("embeddings-00002.avro"));
        byte[] last = Files.readAllBytes(out.resolve("embeddings-00010.avro"));
        byte[] manifest = Files.readAllBytes(out.resolve(EmbeddedDataset.MANIFEST));
        Files.delete(out.resolve("embeddings-00002.avro"));
        Files.delete(out.resolve(EmbeddedDataset.MANIFEST));
        FileTime untouched = FileTime.fromMillis(0);
        Files.setLastModifiedTime(out.resolve("embeddings-00010.avro"), untouched);

        PrecomputedImport.run(layout, out, DATASET_KEYS, identity(2));

        assertEquals(untouched, Files.getLastModifiedTime(out.resolve("embeddings-00010.avro")));
        assertArrayEquals(first, Files.readAllBytes(out.resolve("embeddings-00002.avro")));
        assertArrayEquals(last, Files.readAllBytes(out.resolve("embeddings-00010.avro")));
        assertArrayEquals(manifest, Files.readAllBytes(out.resolve(EmbeddedDataset.MANIFEST)));
    }

    @Test
    void dimensionMismatchFailsBeforeAnyOutput() {
        String message = assertThrows(IOException.class, () -> PrecomputedImport.run(layout, out, DATASET_KEYS, identity(512)))
                .getMessage();
        Path npy = ClipRetrievalLayout.embeddings(layout, 2);
        assertEquals(npy + ": embeddings have dimension 2, the model card's embed_dim is 512", message);
        assertFalse(Files.exists(out));
    }

    @Test
    void rowCountMismatchNamesBothFiles() throws IOException {
        Files.writeString(layout.resolve("metadata/metadata_10.csv"), "key\na\nd\ne\n");
        String message = assertThrows(IOException.class, () -> PrecomputedImport.run(layout, out, DATASET_KEYS, identity(2)))
                .getMessage();
        assertEquals(layout.resolve("metadata/metadata_10.csv") + " has 3 rows but " + ClipRetrievalLayout.embeddings(layout, 10)
                + " has 2; their rows must align", message);
        assertFalse(Files.exists(out));
    }

    @Test
    void metadataWithoutKeyOrImagePathColumnIsNamed() throws IOException {
        Files.writeString(layout.resolve("metadata/metadata_10.csv"), "url,caption\nx,y\nz,w\n");
        String message = assertThrows(IOException.class, () -> PrecomputedImport.run(layout, out, DATASET_KEYS, identity(2)))
                .getMessage();
        assertEquals(layout.resolve("metadata/metadata_10.csv")
                + ": no 'key' or 'image_path' column to take the row keys from (columns: [url, caption])", message);
    }

    @Test
    void csvImagePathColumnGivesTheKeys() throws IOException {
        Files.writeString(layout.resolve("metadata/metadata_10.csv"), "image_path,caption\n/images/a.jpg,x\nd.png,y\n");
        PrecomputedImport.run(layout, out, DATASET_KEYS, identity(2));
        List<ImageEmbedding> records = EmbeddedDataset.open(out).readAll();
        assertEquals(List.of("a", "d"), records.stream().map(record -> record.getKey().toString()).toList());
    }

    @Test
    void zeroPaddedPartNumbersAsClipRetrievalWritesThem() throws IOException {
        Files.move(layout.resolve("img_emb/img_emb_2.npy"), layout.resolve("img_emb/img_emb_002.npy"));
        Files.move(layout.resolve("metadata/metadata_2.csv"), layout.resolve("metadata/metadata_002.csv"));
        EmbeddingManifest manifest = PrecomputedImport.run(layout, out, DATASET_KEYS, identity(2));
        assertEquals(List.of("img_emb/img_emb_002.npy", "img_emb/img_emb_10.npy"),
                manifest.getShards().stream().map(shard -> shard.getSource()).toList());
        assertEquals(List.of("a", "d"),
                EmbeddedDataset.open(out).readAll().stream().map(record -> record.getKey().toString()).toList());
    }
}
