package org.clipdg.similarity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.clipdg.core.embedding.VectorBlock;
import org.clipdg.faiss.FaissIndex;
import org.clipdg.faiss.Neighbours;

/**
 * Approximate pool-to-test search (--index): one FAISS index per test set, built with a factory
 * string (e.g. "IVF64,Flat", "HNSW32"); each pool sample finds its {@code candidates} nearest test
 * points of every set. Its nearest test point, its matches (candidates above t(q)) and the test
 * points' top-k pool neighbours all come from those candidates, so whatever the index misses is
 * missed everywhere: {@link RecallProbe} measures how much. Thresholds t(q) stay exact.
 */
final class ApproximateSearch implements AutoCloseable {
    /**
     * @param factory FAISS index factory string (inner product)
     * @param candidates test points each pool sample retrieves per test set
     * @param parameters search-time parameters (nprobe, efSearch)
     * @param recallQueries test points per set whose results are checked against exact search
     */
    record Settings(String factory, int candidates, Map<String, Double> parameters, int recallQueries, long seed) {
        Settings {
            if (candidates < 1 || recallQueries < 0) {
                throw new IllegalArgumentException("candidates >= 1 and recall queries >= 0 required, got "
                        + candidates + " and " + recallQueries);
            }
        }
    }

    private final Settings settings;
    private final List<TestSetScan> scans;
    private final List<FaissIndex> indexes = new ArrayList<>();

    ApproximateSearch(List<TestSetScan> scans, Settings settings) {
        this.settings = settings;
        this.scans = scans;
        for (TestSetScan scan : scans) {
            VectorBlock tests = scan.tests();
            FaissIndex index = FaissIndex.create(settings.factory(), tests.dimension());
            indexes.add(index);
            if (tests.rows() == 0) {
                continue;
            }
            if (!index.isTrained()) {
                index.train(tests.vectors().duplicate().clear());
            }
            index.add(tests.vectors().duplicate().clear());
            settings.parameters().forEach(index::setSearchParameter);
        }
    }

    /** Pool block against test set {@code t}: per row its nearest test point and matches, and offers to the top-k. */
    void scan(int t, VectorBlock block, TestSetScan.RowMatches out) {
        TestSetScan scan = scans.get(t);
        int points = scan.tests().rows();
        int k = Math.min(settings.candidates(), points);
        Neighbours found = k == 0 ? null : indexes.get(t).search(block.vectors().duplicate().clear(), k);
        for (int r = 0; r < block.rows(); r++) {
            float best = Float.NEGATIVE_INFINITY;
            int nearest = -1;
            int matching = 0;
            for (int i = 0; i < k; i++) {
                long id = found.id(r, i);
                if (id < 0) {
                    continue;
                }
                int q = (int) id;
                float similarity = found.similarity(r, i);
                if (similarity > best || (similarity == best && q < nearest)) {
                    best = similarity;
                    nearest = q;
                }
                if (scan.take(q, similarity, block, r)) {
                    matching++;
                }
            }
            out.maxSimilarity()[r] = best;
            out.nearest()[r] = nearest;
            out.matchingQueries()[r] = matching;
        }
    }

    @Override
    public void close() {
        indexes.forEach(FaissIndex::close);
    }
}
