package org.clipdg.similarity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.clipdg.core.AtomicFiles;
import org.clipdg.core.AvroJson;
import org.clipdg.core.AvroRecordFile;
import org.clipdg.core.ClipdgVersion;
import org.clipdg.schema.EmbeddingInput;
import org.clipdg.schema.PoolNeighbour;
import org.clipdg.schema.PoolSampleSimilarity;
import org.clipdg.schema.RecallSummary;
import org.clipdg.schema.SimilarityManifest;
import org.clipdg.schema.TestPointSimilarity;
import org.clipdg.schema.TestSetSummary;

/**
 * The files a similarity run writes ({@code clipdg similarity}, or {@code similarity-merge} after
 * chunks), the same bytes either way: pool_similarity.avro, test_neighbours.avro, summary.tsv,
 * recall.tsv (approximate search only) and manifest.json, last.
 */
final class SimilarityOutputs {
    /** What a run compared and how: the manifest's fields that do not come from its results. */
    record Run(String modelId, int dimension, String search, int k, int candidateCap, long capChunk,
            List<EmbeddingInput> pool, List<EmbeddingInput> reference, List<EmbeddingInput> tests) {
        /** A run over {@code inputs} with {@code settings}; {@code references} null without a reference set. */
        static Run of(SimilarityInputs inputs, SimilarityPass.Settings settings, ReferenceThresholds references) throws IOException {
            return new Run(inputs.modelId(), inputs.dimension(),
                    settings.approximate() == null ? "exact" : settings.approximate().factory(), settings.k(),
                    settings.candidateCap(), settings.capChunk(), SimilarityInputs.describe(inputs.pool()),
                    references == null ? List.of() : references.reference(), SimilarityInputs.describe(inputs.tests()));
        }

        boolean capped() {
            return candidateCap > 0;
        }

        boolean exact() {
            return search.equals("exact");
        }
    }

    private SimilarityOutputs() {}

    /** Makes {@code out} and removes what would say an earlier run there finished. */
    static void prepare(Path out) throws IOException {
        Files.createDirectories(out);
        Files.deleteIfExists(out.resolve(SimilarityPass.MANIFEST_FILE));
        Files.deleteIfExists(out.resolve(SimilarityPass.RECALL_FILE));
    }

    /** pool_similarity.avro (or a chunk's part of it), committed by the caller. */
    static AvroRecordFile.Writer<PoolSampleSimilarity> poolWriter(Path dir, String modelId) throws IOException {
        return AvroRecordFile.create(dir.resolve(SimilarityPass.POOL_FILE), PoolSampleSimilarity.getClassSchema(),
                "pool_similarity\n" + modelId);
    }

    /** Everything but the pool file, from the test points' results and the pool records' tally; the manifest last. */
    static SimilarityManifest write(Path out, Run run, List<TestSetScan> scans, ReferenceThresholds references, PoolCounts counts,
            List<RecallSummary> recall) throws IOException {
        writeTestNeighbours(scans, references, out.resolve(SimilarityPass.TESTS_FILE));
        if (!run.exact()) {
            writeRecall(recall, out.resolve(SimilarityPass.RECALL_FILE));
        }
        SimilarityManifest manifest = manifest(run, scans, references, counts, recall);
        writeSummary(manifest, out.resolve(SimilarityPass.SUMMARY_FILE));
        AvroJson.write(out.resolve(SimilarityPass.MANIFEST_FILE), manifest);
        return manifest;
    }

    private static void writeTestNeighbours(List<TestSetScan> scans, ReferenceThresholds references, Path file) throws IOException {
        try (AvroRecordFile.Writer<TestPointSimilarity> writer = AvroRecordFile.create(file,
                TestPointSimilarity.getClassSchema(), "test_neighbours")) {
            for (int t = 0; t < scans.size(); t++) {
                TestSetScan scan = scans.get(t);
                for (int q = 0; q < scan.tests().rows(); q++) {
                    TestPointSimilarity.Builder record = TestPointSimilarity.newBuilder()
                            .setTestSet(scan.tests().dataset())
                            .setKey(scan.tests().keys()[q])
                            .setNeighbours(poolNeighbours(scan.neighbours(q)));
                    if (references != null) {
                        record.setReferenceSimilarity(references.similarity(t, q));
                        record.setReferenceKey(references.key(t, q));
                    }
                    writer.append(record.build());
                }
            }
            writer.commit();
        }
    }

    /** A heap's neighbours as written, best first. */
    static List<PoolNeighbour> poolNeighbours(NeighbourHeap heap) {
        return heap.sorted().stream().map(n -> new PoolNeighbour(n.dataset(), n.key(), n.similarity())).toList();
    }

    private static SimilarityManifest manifest(Run run, List<TestSetScan> scans, ReferenceThresholds references, PoolCounts counts,
            List<RecallSummary> recall) {
        List<TestSetSummary> tests = new ArrayList<>();
        for (int t = 0; t < scans.size(); t++) {
            TestSetScan scan = scans.get(t);
            int points = scan.tests().rows();
            double nearestSum = 0;
            Double meanReference = null;
            double referenceSum = 0;
            for (int q = 0; q < points; q++) {
                List<NeighbourHeap.Neighbour> best = scan.neighbours(q).sorted();
                nearestSum += best.isEmpty() ? Double.NaN : best.get(0).similarity();
                referenceSum += references == null ? 0 : references.similarity(t, q);
            }
            if (references != null) {
                meanReference = referenceSum / points;
            }
            tests.add(TestSetSummary.newBuilder()
                    .setInput(run.tests().get(t))
                    .setMeanNearestPoolSimilarity(nearestSum / points)
                    .setMeanReferenceSimilarity(meanReference)
                    .setMatchedPoolSamples(counts.matched[t])
                    .setMatchedPoolSamplesWithinCap(run.capped() ? counts.matchedWithinCap[t] : null)
                    .build());
        }
        return SimilarityManifest.newBuilder()
                .setModelCardSha256(run.modelId())
                .setDimension(run.dimension())
                .setSearch(run.search())
                .setRecall(recall)
                .setK(run.k())
                .setCandidateCap(run.candidateCap())
                .setCapChunk(run.capChunk())
                .setPool(run.pool())
                .setReference(run.reference())
                .setTests(tests)
                .setMatchedPoolSamplesCombined(counts.combined)
                .setMatchedPoolSamplesCombinedWithinCap(run.capped() ? counts.combinedWithinCap : null)
                .setToolVersion(ClipdgVersion.get())
                .build();
    }

    private static void writeRecall(List<RecallSummary> recall, Path file) throws IOException {
        StringBuilder tsv = new StringBuilder("test_set\tsampled_queries\trecall_at_k\tmatched_pairs_exact\tmatched_pairs_found\n");
        for (RecallSummary summary : recall) {
            tsv.append(String.format(Locale.ROOT, "%s\t%d\t%.6f\t%d\t%d\n", summary.getTestSet(), summary.getSampledQueries(),
                    summary.getRecallAtK(), summary.getMatchedPairsExact(), summary.getMatchedPairsFound()));
        }
        AtomicFiles.writeString(file, tsv.toString());
    }

    private static void writeSummary(SimilarityManifest manifest, Path file) throws IOException {
        StringBuilder tsv = new StringBuilder("test_set\ttest_points\tmean_nearest_pool_similarity"
                + "\tmean_reference_similarity\tmatched_pool_samples\tmatched_pool_samples_within_cap\n");
        for (TestSetSummary test : manifest.getTests()) {
            tsv.append(String.format(Locale.ROOT, "%s\t%d\t%.6f\t%s\t%d\t%s\n", test.getInput().getDataset(),
                    test.getInput().getNumEmbeddings(), test.getMeanNearestPoolSimilarity(),
                    test.getMeanReferenceSimilarity() == null ? "" : String.format(Locale.ROOT, "%.6f", test.getMeanReferenceSimilarity()),
                    test.getMatchedPoolSamples(),
                    test.getMatchedPoolSamplesWithinCap() == null ? "" : test.getMatchedPoolSamplesWithinCap()));
        }
        tsv.append(String.format(Locale.ROOT, "combined\t\t\t\t%d\t%s\n", manifest.getMatchedPoolSamplesCombined(),
                manifest.getMatchedPoolSamplesCombinedWithinCap() == null ? "" : manifest.getMatchedPoolSamplesCombinedWithinCap()));
        AtomicFiles.writeString(file, tsv.toString());
    }
}
