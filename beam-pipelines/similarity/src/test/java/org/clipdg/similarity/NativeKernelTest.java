package org.clipdg.similarity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.clipdg.core.AvroRecordFile;
import org.clipdg.core.EmbeddingFixtures;
import org.clipdg.schema.PoolSampleSimilarity;
import org.clipdg.schema.SimilarityManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The similarity pass on the native kernel (BLAS and the SSE scan), where float rounding is real. */
class NativeKernelTest {
    @TempDir
    Path dir;

    @Test
    void copiesOfReferenceSamplesNeverMatchWhereverTheyFallInTheBlocks() throws IOException {
        int dimension = 512;
        Map<String, float[]> reference = EmbeddingFixtures.randomUnitVectors("r", 300, dimension, 11);
        Map<String, float[]> pool = new TreeMap<>(EmbeddingFixtures.randomUnitVectors("p", 200, dimension, 12));
        reference.forEach((key, vector) -> pool.put("copy_" + key, vector.clone()));
        Path out = dir.resolve("out");
        SimilarityInputs inputs = SimilarityInputs.open(
                List.of(EmbeddingFixtures.write(dir.resolve("pool"), "pool", EmbeddingFixtures.MODEL, pool, 37)),
                List.of(EmbeddingFixtures.write(dir.resolve("test"), "test", EmbeddingFixtures.MODEL,
                        EmbeddingFixtures.randomUnitVectors("q", 50, dimension, 13), 50)),
                List.of(EmbeddingFixtures.write(dir.resolve("ref"), "ref", EmbeddingFixtures.MODEL, reference, 64)));
        SimilarityManifest manifest = new SimilarityPass(NativeKernel.withThreads(2), new SimilarityPass.Settings(5, 0, 1, 1000),
                new PrintStream(OutputStream.nullOutputStream())).run(inputs, out);

        List<PoolSampleSimilarity> samples = new ArrayList<>();
        AvroRecordFile.forEach(out.resolve(SimilarityPass.POOL_FILE), PoolSampleSimilarity.class, samples::add);
        assertEquals(500, samples.size());
        for (PoolSampleSimilarity sample : samples) {
            if (sample.getKey().toString().startsWith("copy_")) {
                assertEquals(0, sample.getTests().get(0).getMatchingQueries(), sample.getKey()
                        + ": a copy of a reference sample scores at most t(q), exactly, for every q");
            }
        }
        assertTrue(manifest.getMatchedPoolSamplesCombined() > 0, "random pool samples closer than the reference do match");
    }
}
