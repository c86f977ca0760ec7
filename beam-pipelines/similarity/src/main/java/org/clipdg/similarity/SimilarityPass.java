package org.clipdg.similarity;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.clipdg.core.AtomicFiles;
import org.clipdg.core.AvroJson;
import org.clipdg.core.AvroRecordFile;
import org.clipdg.core.ClipdgVersion;
import org.clipdg.core.Progress;
import org.clipdg.core.embedding.EmbeddedDataset;
import org.clipdg.core.embedding.VectorBlock;
import org.clipdg.schema.EmbeddingInput;
import org.clipdg.schema.PoolNeighbour;
import org.clipdg.schema.PoolSampleSimilarity;
import org.clipdg.schema.RecallSummary;
import org.clipdg.schema.SimilarityManifest;
import org.clipdg.schema.TestPointSimilarity;
import org.clipdg.schema.TestSetMatch;
import org.clipdg.schema.TestSetSummary;

/**
 * Exact train-test similarity in one pass over the pool. First the reference set gives every test
 * point its threshold t(q) (its 1-NN similarity to the reference set); then each pool shard is read
 * once and compared with every test set, which yields both directions at the same time: per test
 * point its top-k pool neighbours, per pool sample its nearest test point and its similarity-matched
 * pruning verdict. Memory holds the test sets and one shard, whatever the pool size.
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

        /** Exact search. */
        public Settings(int k, int candidateCap, long capChunk, int productFloats) {
            this(k, candidateCap, capChunk, productFloats, null);
        }
    }

    private final BlockComparison comparison;
    private final Settings settings;
    private final PrintStream progress;

    public SimilarityPass(SimilarityKernel kernel, Settings settings, PrintStream progress) {
        this.comparison = new BlockComparison(kernel, settings);
        this.settings = settings;
        this.progress = progress;
    }

    public SimilarityManifest run(SimilarityInputs inputs, Path out) throws IOException {
        Files.createDirectories(out);
        Files.deleteIfExists(out.resolve(MANIFEST_FILE));
        long started = System.nanoTime();
        List<VectorBlock> testSets = new ArrayList<>();
        for (EmbeddedDataset test : inputs.tests()) {
            testSets.add(VectorBlock.readAll(test, inputs.modelId()));
            if (testSets.get(testSets.size() - 1).rows() == 0) {
                progress.printf("[similarity] warning: test set %s has no embeddings; it matches no pool sample%n", test.name());
            }
        }
        List<Reference> references = referenceThresholds(inputs, testSets);
        List<TestSetScan> scans = new ArrayList<>();
        for (int t = 0; t < testSets.size(); t++) {
            scans.add(new TestSetScan(testSets.get(t), settings.k(), references.isEmpty() ? null : references.get(t).thresholds()));
        }
        Files.deleteIfExists(out.resolve(RECALL_FILE));
        List<RecallSummary> recall = List.of();
        PoolCounts counts;
        if (settings.approximate() == null) {
            counts = scanPool(inputs, scans, out.resolve(POOL_FILE), (t, block, rows, cap, capRow) ->
                    comparison.compare(block, scans.get(t), rows, cap, capRow), block -> { });
        } else {
            ApproximateSearch.Settings approximate = settings.approximate();
            RecallProbe probe = new RecallProbe(scans, approximate.recallQueries(), approximate.seed(), settings.k());
            try (ApproximateSearch search = new ApproximateSearch(scans, approximate)) {
                counts = scanPool(inputs, scans, out.resolve(POOL_FILE), (t, block, rows, cap, capRow) ->
                        search.scan(t, block, rows), block -> probe.observe(block, comparison));
            }
            recall = probe.summarise(scans);
            writeRecall(recall, out.resolve(RECALL_FILE));
        }
        writeTestNeighbours(scans, references, out.resolve(TESTS_FILE));
        SimilarityManifest manifest = manifest(inputs, scans, references, counts, recall);
        writeSummary(manifest, out.resolve(SUMMARY_FILE));
        AvroJson.write(out.resolve(MANIFEST_FILE), manifest);
        progress.printf("[similarity] done: %,d pool samples against %d test set(s) in %.1f s; similarity-matched pruning"
                + " removes %,d (combined)%n", counts.poolSamples, scans.size(), (System.nanoTime() - started) / 1e9,
                counts.combined);
        return manifest;
    }

    /** t(q) and the reference sample reaching it, per test set; empty without a reference set. */
    private record Reference(Thresholds thresholds, String[] keys) {
        float[] similarities() {
            return thresholds.kernel();
        }
    }

    private List<Reference> referenceThresholds(SimilarityInputs inputs, List<VectorBlock> testSets) throws IOException {
        if (inputs.reference().isEmpty()) {
            return List.of();
        }
        List<TestSetScan> scans = testSets.stream().map(TestSetScan::ofReference).toList();
        long total = inputs.reference().stream().mapToLong(r -> r.manifest().getNumEmbeddings()).sum();
        AtomicLong done = new AtomicLong();
        try (Progress reporter = new Progress(progress, "similarity reference", "samples", total, done::get)) {
            for (EmbeddedDataset reference : inputs.reference()) {
                for (Path shard : reference.shards()) {
                    VectorBlock block = VectorBlock.readShard(shard, reference.name(), inputs.modelId(), inputs.dimension());
                    for (TestSetScan scan : scans) {
                        comparison.compare(block, scan, new TestSetScan.RowMatches(block.rows()), null, 0);
                    }
                    done.addAndGet(block.rows());
                }
            }
        }
        List<Reference> references = new ArrayList<>();
        for (TestSetScan scan : scans) {
            int points = scan.tests().rows();
            String[] keys = new String[points];
            for (int q = 0; q < points; q++) {
                List<NeighbourHeap.Neighbour> best = scan.neighbours(q).sorted();
                if (best.isEmpty()) {
                    throw new IllegalArgumentException("the reference set has no embeddings: no threshold t(q) exists");
                }
                keys[q] = best.get(0).key();
            }
            references.add(new Reference(scan.referenceThresholds(), keys));
        }
        return references;
    }

    private static final class PoolCounts {
        long poolSamples;
        long combined;
        long combinedWithinCap;
        long[] matched;
        long[] matchedWithinCap;
        double[] nearestSum;
    }

    /** How one pool block meets one test set: exact products, or an approximate index. */
    @FunctionalInterface
    private interface PoolComparison {
        void compare(int testSet, VectorBlock block, TestSetScan.RowMatches out, CandidateCap cap, int capRow);
    }

    private PoolCounts scanPool(SimilarityInputs inputs, List<TestSetScan> scans, Path file, PoolComparison perTestSet,
            Consumer<VectorBlock> alsoObserve) throws IOException {
        PoolCounts counts = new PoolCounts();
        counts.matched = new long[scans.size()];
        counts.matchedWithinCap = new long[scans.size()];
        long total = inputs.pool().stream().mapToLong(p -> p.manifest().getNumEmbeddings()).sum();
        boolean capped = settings.candidateCap() > 0;
        List<CandidateCap> caps = new ArrayList<>();
        for (int t = 0; t < scans.size(); t++) {
            caps.add(capped ? new CandidateCap(settings.candidateCap()) : null);
        }
        PendingChunk chunk = new PendingChunk(scans.size());
        AtomicLong done = new AtomicLong();
        try (Progress reporter = new Progress(progress, "similarity pool", "samples", total, done::get);
                AvroRecordFile.Writer<PoolSampleSimilarity> writer = AvroRecordFile.create(file,
                PoolSampleSimilarity.getClassSchema(), "pool_similarity\n" + inputs.modelId())) {
            for (EmbeddedDataset pool : inputs.pool()) {
                for (Path shard : pool.shards()) {
                    VectorBlock block = VectorBlock.readShard(shard, pool.name(), inputs.modelId(), inputs.dimension());
                    List<TestSetScan.RowMatches> matches = new ArrayList<>();
                    for (int t = 0; t < scans.size(); t++) {
                        TestSetScan.RowMatches rows = new TestSetScan.RowMatches(block.rows());
                        perTestSet.compare(t, block, rows, caps.get(t), chunk.rows());
                        matches.add(rows);
                    }
                    alsoObserve.accept(block);
                    chunk.add(block, matches, scans);
                    counts.poolSamples += block.rows();
                    if (!capped || chunk.rows() >= settings.capChunk()) {
                        chunk.flush(writer, caps, counts);
                    }
                    done.set(counts.poolSamples);
                }
            }
            chunk.flush(writer, caps, counts);
            writer.commit();
        }
        counts.nearestSum = new double[scans.size()];
        for (int t = 0; t < scans.size(); t++) {
            TestSetScan scan = scans.get(t);
            for (int q = 0; q < scan.tests().rows(); q++) {
                List<NeighbourHeap.Neighbour> best = scan.neighbours(q).sorted();
                counts.nearestSum[t] += best.isEmpty() ? Double.NaN : best.get(0).similarity();
            }
        }
        return counts;
    }

    /** Pool records waiting for their cap chunk to close (one shard at a time when the cap is off). */
    private static final class PendingChunk {
        private final int testSets;
        private final List<PoolSampleSimilarity> records = new ArrayList<>();
        private final List<String> orderKeys = new ArrayList<>();

        PendingChunk(int testSets) {
            this.testSets = testSets;
        }

        int rows() {
            return records.size();
        }

        void add(VectorBlock block, List<TestSetScan.RowMatches> matches, List<TestSetScan> scans) {
            for (int r = 0; r < block.rows(); r++) {
                List<TestSetMatch> tests = new ArrayList<>(testSets);
                for (int t = 0; t < testSets; t++) {
                    TestSetScan.RowMatches rows = matches.get(t);
                    tests.add(TestSetMatch.newBuilder()
                            .setTestSet(scans.get(t).tests().dataset())
                            .setMaxSimilarity(rows.maxSimilarity()[r])
                            .setNearestKey(rows.nearest()[r] < 0 ? "" : scans.get(t).tests().keys()[rows.nearest()[r]])
                            .setMatchingQueries(rows.matchingQueries()[r])
                            .build());
                }
                records.add(PoolSampleSimilarity.newBuilder().setDataset(block.dataset()).setKey(block.keys()[r])
                        .setTests(tests).build());
                orderKeys.add(block.dataset() + '\t' + block.keys()[r]);
            }
        }

        void flush(AvroRecordFile.Writer<PoolSampleSimilarity> writer, List<CandidateCap> caps, PoolCounts counts)
                throws IOException {
            String[] keys = orderKeys.toArray(String[]::new);
            List<int[]> withinCap = new ArrayList<>();
            for (CandidateCap cap : caps) {
                withinCap.add(cap == null ? null : cap.withinCap(keys.length, keys));
            }
            for (int r = 0; r < records.size(); r++) {
                PoolSampleSimilarity record = records.get(r);
                boolean anyMatch = false;
                boolean anyWithinCap = false;
                for (int t = 0; t < testSets; t++) {
                    TestSetMatch match = record.getTests().get(t);
                    if (match.getMatchingQueries() > 0) {
                        counts.matched[t]++;
                        anyMatch = true;
                    }
                    if (withinCap.get(t) != null) {
                        int kept = withinCap.get(t)[r];
                        match.setMatchingQueriesWithinCap(kept);
                        if (kept > 0) {
                            counts.matchedWithinCap[t]++;
                            anyWithinCap = true;
                        }
                    }
                }
                counts.combined += anyMatch ? 1 : 0;
                counts.combinedWithinCap += anyWithinCap ? 1 : 0;
                writer.append(record);
            }
            records.clear();
            orderKeys.clear();
        }
    }

    private void writeTestNeighbours(List<TestSetScan> scans, List<Reference> references, Path file) throws IOException {
        try (AvroRecordFile.Writer<TestPointSimilarity> writer = AvroRecordFile.create(file,
                TestPointSimilarity.getClassSchema(), "test_neighbours")) {
            for (int t = 0; t < scans.size(); t++) {
                TestSetScan scan = scans.get(t);
                for (int q = 0; q < scan.tests().rows(); q++) {
                    List<PoolNeighbour> neighbours = scan.neighbours(q).sorted().stream()
                            .map(n -> new PoolNeighbour(n.dataset(), n.key(), n.similarity())).toList();
                    TestPointSimilarity.Builder record = TestPointSimilarity.newBuilder()
                            .setTestSet(scan.tests().dataset())
                            .setKey(scan.tests().keys()[q])
                            .setNeighbours(neighbours);
                    if (!references.isEmpty()) {
                        record.setReferenceSimilarity(references.get(t).similarities()[q]);
                        record.setReferenceKey(references.get(t).keys()[q]);
                    }
                    writer.append(record.build());
                }
            }
            writer.commit();
        }
    }

    private SimilarityManifest manifest(SimilarityInputs inputs, List<TestSetScan> scans, List<Reference> references,
            PoolCounts counts, List<RecallSummary> recall) throws IOException {
        boolean capped = settings.candidateCap() > 0;
        List<TestSetSummary> tests = new ArrayList<>();
        for (int t = 0; t < scans.size(); t++) {
            int points = scans.get(t).tests().rows();
            Double meanReference = null;
            if (!references.isEmpty()) {
                double sum = 0;
                for (float similarity : references.get(t).similarities()) {
                    sum += similarity;
                }
                meanReference = sum / points;
            }
            tests.add(TestSetSummary.newBuilder()
                    .setInput(SimilarityInputs.describe(inputs.tests().get(t)))
                    .setMeanNearestPoolSimilarity(counts.nearestSum[t] / points)
                    .setMeanReferenceSimilarity(meanReference)
                    .setMatchedPoolSamples(counts.matched[t])
                    .setMatchedPoolSamplesWithinCap(capped ? counts.matchedWithinCap[t] : null)
                    .build());
        }
        List<EmbeddingInput> pool = new ArrayList<>();
        for (EmbeddedDataset dataset : inputs.pool()) {
            pool.add(SimilarityInputs.describe(dataset));
        }
        List<EmbeddingInput> reference = new ArrayList<>();
        for (EmbeddedDataset dataset : inputs.reference()) {
            reference.add(SimilarityInputs.describe(dataset));
        }
        return SimilarityManifest.newBuilder()
                .setModelCardSha256(inputs.modelId())
                .setDimension(inputs.dimension())
                .setSearch(settings.approximate() == null ? "exact" : settings.approximate().factory())
                .setRecall(recall)
                .setK(settings.k())
                .setCandidateCap(settings.candidateCap())
                .setCapChunk(settings.capChunk())
                .setPool(pool)
                .setReference(reference)
                .setTests(tests)
                .setMatchedPoolSamplesCombined(counts.combined)
                .setMatchedPoolSamplesCombinedWithinCap(capped ? counts.combinedWithinCap : null)
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
