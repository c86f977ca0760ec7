package org.clipdg.similarity;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.clipdg.core.AvroJson;
import org.clipdg.core.AvroRecordFile;
import org.clipdg.core.Chunk;
import org.clipdg.core.ClipdgVersion;
import org.clipdg.core.embedding.VectorBlock;
import org.clipdg.schema.ApproximateSearchSettings;
import org.clipdg.schema.PoolSampleSimilarity;
import org.clipdg.schema.SimilarityChunkManifest;
import org.clipdg.schema.TestPointCandidates;

/**
 * One chunk of the pool against every test set ({@code clipdg similarity-chunk}), the work of
 * {@link SimilarityPass} split for a cluster: the chunk's pool records in their final form, per test
 * point its top-k and its matches within the chunk, and a manifest; {@link SimilarityMerge}
 * combines the chunks. The thresholds t(q) come from {@code clipdg similarity-thresholds}, computed
 * once. Memory holds the test sets and one shard, as in the single pass.
 */
final class SimilarityChunk {
    static final String CANDIDATES_FILE = "test_candidates.avro";

    private final BlockComparison comparison;
    private final SimilarityPass.Settings settings;
    private final PrintStream progress;

    SimilarityChunk(SimilarityKernel kernel, SimilarityPass.Settings settings, PrintStream progress) {
        this.comparison = new BlockComparison(kernel, settings.productFloats());
        this.settings = settings;
        this.progress = progress;
    }

    /** Chunk {@code chunk} of the pool of {@code inputs}; {@code thresholds} the thresholds folders (empty: no reference set). */
    SimilarityChunkManifest run(SimilarityInputs inputs, List<Path> thresholds, Chunk chunk, Path out) throws IOException {
        inputs.requirePool();
        Files.createDirectories(out);
        Files.deleteIfExists(out.resolve(SimilarityPass.MANIFEST_FILE));
        List<VectorBlock> testSets = inputs.readTests(progress);
        ReferenceThresholds references = thresholds.isEmpty() ? null : ReferenceThresholds.read(thresholds, testSets,
                SimilarityInputs.describe(inputs.tests()), inputs.modelId()).requireComplete();
        List<List<ShardUnits.Shard>> units = ShardUnits.chunk(ShardUnits.of(inputs.pool(), settings.unitRows()), chunk);
        long samples;
        try (PoolScan scan = new PoolScan(comparison, settings, testSets, references, progress);
                AvroRecordFile.Writer<PoolSampleSimilarity> writer = SimilarityOutputs.poolWriter(out,
                        inputs.modelId())) {
            samples = scan.scan(units, inputs.modelId(), inputs.dimension(), writer::append);
            writer.commit();
            writeCandidates(scan, out.resolve(CANDIDATES_FILE));
        }
        SimilarityOutputs.Run run = SimilarityOutputs.Run.of(inputs, settings, references);
        ApproximateSearch.Settings approximate = settings.approximate();
        SimilarityChunkManifest manifest = SimilarityChunkManifest.newBuilder()
                .setChunk(chunk.index())
                .setChunks(chunk.count())
                .setModelCardSha256(run.modelId())
                .setDimension(run.dimension())
                .setSearch(run.search())
                .setK(run.k())
                .setCandidateCap(run.candidateCap())
                .setCapChunk(run.capChunk())
                .setApproximate(approximate == null ? null : new ApproximateSearchSettings(approximate.candidates(),
                        new TreeMap<>(approximate.parameters()), approximate.recallQueries(), approximate.seed()))
                .setPool(run.pool())
                .setReference(run.reference())
                .setTests(run.tests())
                .setThresholds(references == null ? List.of() : references.manifestSha256())
                .setPoolShards(ShardUnits.shards(units).stream().map(ShardUnits.Shard::name).toList())
                .setPoolSamples(samples)
                .setToolVersion(ClipdgVersion.get())
                .build();
        AvroJson.write(out.resolve(SimilarityPass.MANIFEST_FILE), manifest);
        progress.printf("[similarity chunk %s] done: %,d pool samples in %d shard(s)%n", chunk, samples,
                manifest.getPoolShards().size());
        return manifest;
    }

    /** Per test point its top-k and matches in this chunk; for the recall probe's points, the exact ones too. */
    private static void writeCandidates(PoolScan scan, Path file) throws IOException {
        try (AvroRecordFile.Writer<TestPointCandidates> writer = AvroRecordFile.create(file, TestPointCandidates.getClassSchema(),
                "test_candidates")) {
            for (int t = 0; t < scan.scans().size(); t++) {
                TestSetScan tests = scan.scans().get(t);
                int[] sampled = scan.probe() == null ? new int[0] : scan.probe().sampled(t);
                for (int q = 0; q < tests.tests().rows(); q++) {
                    TestPointCandidates.Builder record = TestPointCandidates.newBuilder()
                            .setTestSet(tests.tests().dataset())
                            .setKey(tests.tests().keys()[q])
                            .setNeighbours(SimilarityOutputs.poolNeighbours(tests.neighbours(q)))
                            .setMatches(tests.matches(q));
                    int i = Arrays.binarySearch(sampled, q);
                    if (i >= 0) {
                        TestSetScan exact = scan.probe().exact(t);
                        record.setExactNeighbours(SimilarityOutputs.poolNeighbours(exact.neighbours(i)))
                                .setExactMatches(exact.matches(i));
                    }
                    writer.append(record.build());
                }
            }
            writer.commit();
        }
    }
}
