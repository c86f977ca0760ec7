package org.clipdg.prune;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.clipdg.core.AvroRecordFile;
import org.clipdg.schema.PoolSampleSimilarity;
import org.clipdg.schema.TestSetMatch;

/**
 * What pruning needs of every pool sample, read from the similarity step's pool_similarity.avro:
 * per test set its score s(x) (max similarity to the set) and whether some test point q has
 * sim(q, x) > t(q). Held in arrays indexed by pool position.
 */
public record PoolScores(List<String> testSets, String[] datasets, String[] keys, float[][] scores, boolean[][] matched) {

    public int size() {
        return keys.length;
    }

    public int testSet(String name) {
        int index = testSets.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no test set '" + name + "' in the similarity results (they have " + testSets + ")");
        }
        return index;
    }

    /** @param samples how many records the file holds (the pool sizes in the similarity manifest) */
    public static PoolScores read(Path poolSimilarity, List<String> testSets, int samples) throws IOException {
        String[] datasets = new String[samples];
        String[] keys = new String[samples];
        float[][] scores = new float[testSets.size()][samples];
        boolean[][] matched = new boolean[testSets.size()][samples];
        int[] count = {0};
        AvroRecordFile.forEach(poolSimilarity, PoolSampleSimilarity.class, sample -> {
            int x = count[0]++;
            String where = poolSimilarity + ", key '" + sample.getKey() + "': ";
            if (x >= samples) {
                throw new IllegalArgumentException(where + "more records than the " + samples + " the manifest counts");
            }
            List<TestSetMatch> tests = sample.getTests();
            if (tests.size() != testSets.size()) {
                throw new IllegalArgumentException(where + tests.size() + " test sets, the manifest names " + testSets.size());
            }
            for (int t = 0; t < tests.size(); t++) {
                if (!tests.get(t).getTestSet().toString().equals(testSets.get(t))) {
                    throw new IllegalArgumentException(where + "test set " + tests.get(t).getTestSet()
                            + " where the manifest has " + testSets.get(t));
                }
                scores[t][x] = tests.get(t).getMaxSimilarity();
                matched[t][x] = tests.get(t).getMatchingQueries() > 0;
            }
            datasets[x] = sample.getDataset().toString();
            keys[x] = sample.getKey().toString();
        });
        if (count[0] != samples) {
            throw new IllegalArgumentException(poolSimilarity + ": " + count[0] + " records, the manifest counts " + samples);
        }
        return new PoolScores(List.copyOf(testSets), datasets, keys, scores, matched);
    }
}
