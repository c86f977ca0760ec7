package org.clipdg.core.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.clipdg.core.AtomicFiles;
import org.clipdg.schema.ImageEmbedding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingShardFileTest {
    @TempDir
    Path temp;

    private static final EmbeddingShardFile.Header HEADER = new EmbeddingShardFile.Header("photos-000000.tar", "abc123", "model-sha",
            2, List.of(new Rejection("k9", "photos-000000.tar", "corrupt_image", "cannot decode\tat all")));

    private static ImageEmbedding record(String key, float... values) {
        List<Float> embedding = new java.util.ArrayList<>();
        for (float v : values) {
            embedding.add(v);
        }
        return new ImageEmbedding(key, "photos", embedding, "model-sha");
    }

    @Test
    void roundTripsRecordsInKeyOrderAndTheHeader() throws IOException {
        Path shard = temp.resolve("embeddings-00000.avro");
        EmbeddingShardFile.write(shard, HEADER, List.of(record("k2", 0.6f, 0.8f), record("k1", 1f, 0f)));
        List<ImageEmbedding> read = EmbeddingShardFile.readAll(shard);
        assertEquals(List.of("k1", "k2"), read.stream().map(r -> r.getKey().toString()).toList());
        assertEquals(List.of(0.6f, 0.8f), read.get(1).getEmbedding());
        EmbeddingShardFile.Header header = EmbeddingShardFile.readHeader(shard);
        assertEquals(HEADER.source(), header.source());
        assertEquals(HEADER.sourceSha256(), header.sourceSha256());
        assertEquals(2, header.count());
        assertEquals(List.of(new Rejection("k9", "photos-000000.tar", "corrupt_image", "cannot decode at all")), header.rejected());
        assertFalse(Files.exists(AtomicFiles.partialOf(shard)));
    }

    @Test
    void theSameContentGivesTheSameBytes() throws IOException {
        Path a = temp.resolve("a.avro");
        Path b = temp.resolve("b.avro");
        EmbeddingShardFile.write(a, HEADER, List.of(record("k1", 1f, 0f), record("k2", 0.6f, 0.8f)));
        EmbeddingShardFile.write(b, HEADER, List.of(record("k2", 0.6f, 0.8f), record("k1", 1f, 0f)));
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void duplicateKeysAndWrongCountsAreRefusedAndLeaveNoFile() {
        Path shard = temp.resolve("s.avro");
        IllegalArgumentException duplicate = assertThrows(IllegalArgumentException.class,
                () -> EmbeddingShardFile.write(shard, HEADER, List.of(record("k1", 1f), record("k1", 1f))));
        assertTrue(duplicate.getMessage().contains("duplicate key k1"), duplicate.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EmbeddingShardFile.write(shard, HEADER, List.of(record("k1", 1f))));
        assertFalse(Files.exists(shard));
    }

    @Test
    void aFileThatIsNotAShardIsAClearError() throws IOException {
        Path bogus = Files.writeString(temp.resolve("bogus.avro"), "not avro");
        IOException e = assertThrows(IOException.class, () -> EmbeddingShardFile.readHeader(bogus));
        assertTrue(e.getMessage().startsWith(bogus.toString()), e.getMessage());
        IOException missing = assertThrows(IOException.class, () -> EmbeddingShardFile.readAll(temp.resolve("none.avro")));
        assertTrue(missing.getMessage().contains("no such embedding shard"), missing.getMessage());
    }
}
