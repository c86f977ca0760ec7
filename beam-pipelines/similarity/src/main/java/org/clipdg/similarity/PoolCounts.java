package org.clipdg.similarity;

import org.clipdg.schema.PoolSampleSimilarity;
import org.clipdg.schema.TestSetMatch;

/** The pool records' tally for the manifest and summary: samples, and the matched ones per test set and combined. */
final class PoolCounts {
    long poolSamples;
    long combined;
    long combinedWithinCap;
    final long[] matched;
    final long[] matchedWithinCap;

    PoolCounts(int testSets) {
        matched = new long[testSets];
        matchedWithinCap = new long[testSets];
    }

    void add(PoolSampleSimilarity record) {
        boolean anyMatch = false;
        boolean anyWithinCap = false;
        for (int t = 0; t < matched.length; t++) {
            TestSetMatch match = record.getTests().get(t);
            if (match.getMatchingQueries() > 0) {
                matched[t]++;
                anyMatch = true;
            }
            Integer withinCap = match.getMatchingQueriesWithinCap();
            if (withinCap != null && withinCap > 0) {
                matchedWithinCap[t]++;
                anyWithinCap = true;
            }
        }
        poolSamples++;
        combined += anyMatch ? 1 : 0;
        combinedWithinCap += anyWithinCap ? 1 : 0;
    }
}
