package org.clipdg.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SemanticDeduplicationTest {
    private static SemanticDeduplication.Pool pool(float[][] vectors) {
        int d = vectors[0].length;
        FloatBuffer buffer = ByteBuffer.allocateDirect(vectors.length * d * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
        String[] keys = new String[vectors.length];
        String[] datasets = new String[vectors.length];
        for (int i = 0; i < vectors.length; i++) {
            double norm = 0;
            for (float v : vectors[i]) {
                norm += v * v;
            }
            for (float v : vectors[i]) {
                buffer.put((float) (v / Math.sqrt(norm)));
            }
            keys[i] = String.format("k%02d", i);
            datasets[i] = "pool";
        }
        return new SemanticDeduplication.Pool(datasets, keys, buffer.flip(), d);
    }

    @Test
    void nearDuplicatesCollapseToOneAndDistinctSamplesStay() {
        // One cluster: a and its near copies (cosine > 0.99 with a), and two distinct points.
        SemanticDeduplication.Pool pool = pool(new float[][] {
                {1f, 0f, 0f, 0f}, {1f, 0.01f, 0f, 0f}, {1f, 0f, 0.02f, 0f}, {0f, 1f, 0f, 0f}, {0f, 0f, 0f, 1f}});
        boolean[] kept = SemanticDeduplication.keep(pool, new SemanticDeduplication.Settings(0.01, 1, 5, 1));
        int keptNearCopies = (kept[0] ? 1 : 0) + (kept[1] ? 1 : 0) + (kept[2] ? 1 : 0);
        assertEquals(1, keptNearCopies, "one of the three near copies stays");
        assertEquals(true, kept[3]);
        assertEquals(true, kept[4]);
        // With eps small enough that even cosine 0.9998 counts as distinct, everything stays.
        boolean[] all = SemanticDeduplication.keep(pool, new SemanticDeduplication.Settings(1e-6, 1, 5, 1));
        assertArrayEquals(new boolean[] {true, true, true, true, true}, all);
    }

    @Test
    void exactDuplicatesKeepTheSmallestKeyAndTheResultIsSeededAndRepeatable() {
        Random random = new Random(3);
        float[][] vectors = new float[60][8];
        for (int i = 0; i < 40; i++) {
            for (int c = 0; c < 8; c++) {
                vectors[i][c] = (float) random.nextGaussian();
            }
        }
        for (int i = 40; i < 60; i++) {
            vectors[i] = vectors[i - 40].clone(); // k40..k59 duplicate k00..k19
        }
        SemanticDeduplication.Settings settings = new SemanticDeduplication.Settings(0.124, 3, 10, 7);
        boolean[] kept = SemanticDeduplication.keep(pool(vectors), settings);
        assertArrayEquals(kept, SemanticDeduplication.keep(pool(vectors), settings));
        for (int i = 40; i < 60; i++) {
            assertEquals(false, kept[i], "k" + i + " duplicates k" + (i - 40) + ", which sorts first");
        }
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> SemanticDeduplication.keep(pool(vectors), new SemanticDeduplication.Settings(0.1, 61, 5, 1)));
        assertEquals(true, tooMany.getMessage().contains("61 clusters for 60 pool samples"), tooMany.getMessage());
    }
}
