package org.clipdg.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.clipdg.core.embedding.EmbeddedDataset;
import org.clipdg.core.embedding.VectorBlock;
import org.clipdg.schema.EmbeddingManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RandomEmbeddingsTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    Path temp;

    @Test
    void aSeededPoolOfUnitVectorsInShardsTheSameOnAnyNumberOfThreads() throws IOException {
        RandomEmbeddings.Settings settings = new RandomEmbeddings.Settings("pool", 25, 8, 10, 7, "model");
        EmbeddingManifest manifest = RandomEmbeddings.write(settings, temp.resolve("one"), 1, QUIET);
        assertEquals(25, manifest.getNumEmbeddings());
        assertEquals(List.of(10L, 10L, 5L), manifest.getShards().stream().map(s -> s.getNumEmbeddings()).toList());
        EmbeddedDataset pool = EmbeddedDataset.open(temp.resolve("one"));
        VectorBlock last = VectorBlock.readShard(pool.shards().get(2), "pool", "model", 8);
        assertEquals(List.of("000000000020", "000000000024"), List.of(last.keys()[0], last.keys()[4]),
                "read back as the similarity step reads shards: the model, the dimension, finite unit vectors");

        RandomEmbeddings.write(settings, temp.resolve("two"), 2, QUIET);
        for (String file : List.of("embeddings-00000.avro", "embeddings-00002.avro", "manifest.json")) {
            assertArrayEquals(Files.readAllBytes(temp.resolve("one").resolve(file)), Files.readAllBytes(temp.resolve("two").resolve(file)));
        }
        RandomEmbeddings.write(new RandomEmbeddings.Settings("pool", 25, 8, 10, 8, "model"), temp.resolve("seed8"), 1, QUIET);
        assertNotEquals(pool.readAll().get(0).getEmbedding(), EmbeddedDataset.open(temp.resolve("seed8")).readAll().get(0).getEmbedding());
    }
}
