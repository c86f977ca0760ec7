package org.clipdg.similarity;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.clipdg.core.AvroRecordFile;
import org.clipdg.core.Chunk;
import org.clipdg.core.embedding.VectorBlock;
import org.clipdg.schema.PoolSampleSimilarity;
import org.clipdg.schema.SimilarityManifest;

/**
 * Exact train-test similarity in one pass over the pool. First the reference set gives every test
 * point its threshold t(q) (its 1-NN similarity to the reference set); then each pool shard is read
 * once and compared with every test set, which yields both directions at the same time: per test
 * point its top-k pool neighbours, per pool sample its nearest test point and its similarity-matched
 * pruning verdict. Memory holds the test sets and one shard, whatever the pool size.
 * {@link SimilarityChunk} and {@link SimilarityMerge} do the same work in chunks of the pool.
 */
public final class SimilarityPass {
    public static final String POOL_FILE = "pool_similarity.avro";
    public static final String TESTS_FILE = "test_neighbours.avro";
    public static final String SUMMARY_FILE = "summary.tsv";
    public static final String MANIFEST_FILE = "manifest.json";
    public static final String RECALL_FILE = "recall.tsv";

    /**
     * @param k pool neighbours kept per test point
     * @param candidateCap 0 (exact) or the original code's per-query candidate cap, measured
     * @param capChunk pool samples per cap chunk (whole shards; a chunk closes once it holds this many)
     * @param productFloats most inner products held at once (rows of a shard are compared in slices)
     * @param approximate null for exact search, else the FAISS indexes of an approximate pool-to-test search
     */
    public record Settings(int k, int candidateCap, long capChunk, int productFloats, ApproximateSearch.Settings approximate) {
        public Settings {
            if (k < 1 || candidateCap < 0 || capChunk < 1 || productFloats < 1) {
                throw new IllegalArgumentException("k >= 1, candidate cap >= 0, cap chunk >= 1 and product floats >= 1 required");
            }
            if (approximate != null && candidateCap > 0) {
                throw new IllegalArgumentException("the candidate cap measures a shortcut of exact search; it does not"
                        + " combine with an approximate index");
            }
        }

        /** Samples per unit of a pool scan: the cap chunk under the candidate cap, else 0 (each shard its own unit). */
        long unitRows() {
            return candidateCap > 0 ? capChunk : 0;
        }

        /** Exact search. */
        public Settings(int k, int candidateCap, long capChunk, int productFloats) {
            this(k, candidateCap, capChunk, productFloats, null);
        }
    }

    private final BlockComparison comparison;
    private final Settings settings;
    private final PrintStream progress;

    public SimilarityPass(SimilarityKernel kernel, Settings settings, PrintStream progress) {
        this.comparison = new BlockComparison(kernel, settings.productFloats());
        this.settings = settings;
        this.progress = progress;
    }

    public SimilarityManifest run(SimilarityInputs inputs, Path out) throws IOException {
        inputs.requirePool();
        SimilarityOutputs.prepare(out);
        long started = System.nanoTime();
        List<VectorBlock> testSets = inputs.readTests(progress);
        ReferenceThresholds references = inputs.reference().isEmpty() ? null
                : ReferenceThresholds.compute(comparison, inputs, testSets, Chunk.WHOLE, progress).requireComplete();
        PoolCounts counts = new PoolCounts(testSets.size());
        try (PoolScan scan = new PoolScan(comparison, settings, testSets, references, progress);
                AvroRecordFile.Writer<PoolSampleSimilarity> writer = SimilarityOutputs.poolWriter(out, inputs.modelId())) {
            scan.scan(ShardUnits.of(inputs.pool(), settings.unitRows()), inputs.modelId(), inputs.dimension(), record -> {
                counts.add(record);
                writer.append(record);
            });
            writer.commit();
            SimilarityManifest manifest = SimilarityOutputs.write(out, SimilarityOutputs.Run.of(inputs, settings, references),
                    scan.scans(), references, counts, scan.recall());
            progress.printf("[similarity] done: %,d pool samples against %d test set(s) in %.1f s; similarity-matched pruning"
                    + " removes %,d (combined)%n", counts.poolSamples, testSets.size(), (System.nanoTime() - started) / 1e9,
                    counts.combined);
            return manifest;
        }
    }
}
