package org.clipdg.similarity;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.clipdg.core.embedding.VectorBlock;
import org.clipdg.schema.RecallSummary;

/**
 * What an approximate search misses, measured in the same pass: a seeded sample of each test set's
 * points is also searched exactly (BLAS, like the exact mode), and the sample's top-k lists and
 * matched pairs are compared with the approximate ones.
 */
final class RecallProbe {
    private final List<int[]> sampled = new ArrayList<>();
    private final List<TestSetScan> exact = new ArrayList<>();

    RecallProbe(List<TestSetScan> scans, int queriesPerSet, long seed, int k) {
        for (TestSetScan scan : scans) {
            VectorBlock tests = scan.tests();
            int[] points = sample(tests.rows(), queriesPerSet, new Random(seed ^ tests.dataset().hashCode()));
            sampled.add(points);
            int d = tests.dimension();
            FloatBuffer vectors = ByteBuffer.allocateDirect(Math.max(1, points.length * d * 4)).order(ByteOrder.nativeOrder())
                    .asFloatBuffer();
            String[] keys = new String[points.length];
            for (int i = 0; i < points.length; i++) {
                vectors.put(tests.vectors().slice(points[i] * d, d));
                keys[i] = tests.keys()[points[i]];
            }
            exact.add(new TestSetScan(new VectorBlock(tests.dataset(), keys, vectors.flip(), d), k,
                    scan.thresholds().of(points)));
        }
    }

    /** The sampled points of test set {@code t}, ascending. */
    int[] sampled(int t) {
        return sampled.get(t);
    }

    /** The exact search of test set {@code t}'s sampled points; its point i is {@code sampled(t)[i]}. */
    TestSetScan exact(int t) {
        return exact.get(t);
    }

    /** The sampled points of every test set against one pool block, exactly. */
    void observe(VectorBlock block, BlockComparison comparison) {
        for (TestSetScan scan : exact) {
            comparison.compare(block, scan, new TestSetScan.RowMatches(block.rows()), null, 0);
        }
    }

    /** Per test set: recall@k of the approximate top-k lists, and the matched pairs both found. */
    List<RecallSummary> summarise(List<TestSetScan> approximate) {
        List<RecallSummary> summaries = new ArrayList<>();
        for (int t = 0; t < approximate.size(); t++) {
            int[] points = sampled.get(t);
            double recallSum = 0;
            long exactPairs = 0;
            long foundPairs = 0;
            for (int i = 0; i < points.length; i++) {
                List<NeighbourHeap.Neighbour> truth = exact.get(t).neighbours(i).sorted();
                Set<String> found = new HashSet<>();
                for (NeighbourHeap.Neighbour neighbour : approximate.get(t).neighbours(points[i]).sorted()) {
                    found.add(neighbour.dataset() + '\t' + neighbour.key());
                }
                long hits = truth.stream().filter(n -> found.contains(n.dataset() + '\t' + n.key())).count();
                recallSum += truth.isEmpty() ? 1 : (double) hits / truth.size();
                exactPairs += exact.get(t).matches(i);
                foundPairs += approximate.get(t).matches(points[i]);
            }
            summaries.add(new RecallSummary(approximate.get(t).tests().dataset(), points.length,
                    points.length == 0 ? Double.NaN : recallSum / points.length, exactPairs, foundPairs));
        }
        return summaries;
    }

    /** {@code count} distinct indices below {@code size} (all of them if fewer), ascending. */
    private static int[] sample(int size, int count, Random random) {
        int[] indices = new int[size];
        for (int i = 0; i < size; i++) {
            indices[i] = i;
        }
        int taken = Math.min(count, size);
        for (int i = 0; i < taken; i++) {
            int j = i + random.nextInt(size - i);
            int swap = indices[i];
            indices[i] = indices[j];
            indices[j] = swap;
        }
        int[] chosen = Arrays.copyOf(indices, taken);
        Arrays.sort(chosen);
        return chosen;
    }
}
