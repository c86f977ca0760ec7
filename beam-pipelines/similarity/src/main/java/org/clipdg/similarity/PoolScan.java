package org.clipdg.similarity;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.clipdg.core.Progress;
import org.clipdg.core.embedding.VectorBlock;
import org.clipdg.schema.PoolSampleSimilarity;
import org.clipdg.schema.RecallSummary;
import org.clipdg.schema.TestSetMatch;

/**
 * Pool shards against every test set, each shard read once: per pool sample its record (nearest
 * test point and matches per test set, and the matches within the candidate cap), per test point
 * its top-k and its matches so far. Exact (BLAS products) or through an approximate index, whose
 * recall a probe measures in the same pass. The result of a shard does not depend on what was
 * scanned before it, so chunks of the pool scanned apart combine into the single pass's result.
 */
final class PoolScan implements AutoCloseable {
    /** Where the pool records go, in pool order. */
    @FunctionalInterface
    interface RecordSink {
        void accept(PoolSampleSimilarity record) throws IOException;
    }

    /** How one pool block meets one test set: exact products, or an approximate index. */
    @FunctionalInterface
    private interface Comparison {
        void compare(int testSet, VectorBlock block, TestSetScan.RowMatches out, CandidateCap cap, int capRow);
    }

    private final SimilarityPass.Settings settings;
    private final List<TestSetScan> scans = new ArrayList<>();
    private final BlockComparison comparison;
    private final ApproximateSearch search;
    private final RecallProbe probe;
    private final PrintStream progress;

    /** {@code references} null: no reference set, so no pool sample ever matches. */
    PoolScan(BlockComparison comparison, SimilarityPass.Settings settings, List<VectorBlock> tests, ReferenceThresholds references,
            PrintStream progress) {
        this.comparison = comparison;
        this.settings = settings;
        this.progress = progress;
        for (int t = 0; t < tests.size(); t++) {
            scans.add(new TestSetScan(tests.get(t), settings.k(), references == null ? null : references.thresholds(t)));
        }
        ApproximateSearch.Settings approximate = settings.approximate();
        this.search = approximate == null ? null : new ApproximateSearch(scans, approximate);
        this.probe = approximate == null ? null
                : new RecallProbe(scans, approximate.recallQueries(), approximate.seed(), settings.k());
    }

    List<TestSetScan> scans() {
        return scans;
    }

    /** The recall probe of an approximate search; null for exact search. */
    RecallProbe probe() {
        return probe;
    }

    /** The approximate search measured against exact search on the probe's points; empty for exact search. */
    List<RecallSummary> recall() {
        return probe == null ? List.of() : probe.summarise(scans);
    }

    /** Scans the shards of {@code units} in order, closing each unit (a cap chunk) before the next; returns the samples. */
    long scan(List<List<ShardUnits.Shard>> units, String modelId, int dimension, RecordSink sink) throws IOException {
        boolean capped = settings.candidateCap() > 0;
        List<CandidateCap> caps = new ArrayList<>();
        for (int t = 0; t < scans.size(); t++) {
            caps.add(capped ? new CandidateCap(settings.candidateCap()) : null);
        }
        Comparison perTestSet = search == null
                ? (t, block, rows, cap, capRow) -> comparison.compare(block, scans.get(t), rows, cap, capRow)
                : (t, block, rows, cap, capRow) -> search.scan(t, block, rows);
        PendingUnit unit = new PendingUnit(scans.size());
        long total = units.stream().mapToLong(ShardUnits::rows).sum();
        AtomicLong done = new AtomicLong();
        try (Progress reporter = new Progress(progress, "similarity pool", "samples", total, done::get)) {
            for (List<ShardUnits.Shard> shards : units) {
                for (ShardUnits.Shard shard : shards) {
                    VectorBlock block = shard.read(modelId, dimension);
                    List<TestSetScan.RowMatches> matches = new ArrayList<>();
                    for (int t = 0; t < scans.size(); t++) {
                        TestSetScan.RowMatches rows = new TestSetScan.RowMatches(block.rows());
                        perTestSet.compare(t, block, rows, caps.get(t), unit.rows());
                        matches.add(rows);
                    }
                    if (probe != null) {
                        probe.observe(block, comparison);
                    }
                    unit.add(block, matches, scans);
                    done.addAndGet(block.rows());
                }
                unit.flush(sink, caps);
            }
        }
        return done.get();
    }

    @Override
    public void close() {
        if (search != null) {
            search.close();
        }
    }

    /** Pool records waiting for their unit (a cap chunk, or one shard when the cap is off) to close. */
    private static final class PendingUnit {
        private final int testSets;
        private final List<PoolSampleSimilarity> records = new ArrayList<>();
        private final List<String> orderKeys = new ArrayList<>();

        PendingUnit(int testSets) {
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

        /** Counts the matches within the cap, then hands every record on. */
        void flush(RecordSink sink, List<CandidateCap> caps) throws IOException {
            String[] keys = orderKeys.toArray(String[]::new);
            List<int[]> withinCap = new ArrayList<>();
            for (CandidateCap cap : caps) {
                withinCap.add(cap == null ? null : cap.withinCap(keys.length, keys));
            }
            for (int r = 0; r < records.size(); r++) {
                PoolSampleSimilarity record = records.get(r);
                for (int t = 0; t < testSets; t++) {
                    if (withinCap.get(t) != null) {
                        record.getTests().get(t).setMatchingQueriesWithinCap(withinCap.get(t)[r]);
                    }
                }
                sink.accept(record);
            }
            records.clear();
            orderKeys.clear();
        }
    }
}
