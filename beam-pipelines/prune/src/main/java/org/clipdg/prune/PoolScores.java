package org.clipdg.prune;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
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

    public static PoolScores read(Path poolSimilarity, List<String> testSets) throws IOException {
        List<String> datasets = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<float[]> scores = new ArrayList<>();
        List<boolean[]> matched = new ArrayList<>();
        AvroRecordFile.forEach(poolSimilarity, PoolSampleSimilarity.class, sample -> {
            List<TestSetMatch> tests = sample.getTests();
            if (tests.size() != testSets.size()) {
                throw new IllegalArgumentException(poolSimilarity + ", key '" + sample.getKey() + "': " + tests.size()
                        + " test sets, the manifest names " + testSets.size());
            }
            float[] sampleScores = new float[tests.size()];
            boolean[] sampleMatched = new boolean[tests.size()];
            for (int t = 0; t < tests.size(); t++) {
                if (!tests.get(t).getTestSet().toString().equals(testSets.get(t))) {
                    throw new IllegalArgumentException(poolSimilarity + ", key '" + sample.getKey() + "': test set "
                            + tests.get(t).getTestSet() + " where the manifest has " + testSets.get(t));
                }
                sampleScores[t] = tests.get(t).getMaxSimilarity();
                sampleMatched[t] = tests.get(t).getMatchingQueries() > 0;
            }
            datasets.add(sample.getDataset().toString());
            keys.add(sample.getKey().toString());
            scores.add(sampleScores);
            matched.add(sampleMatched);
        });
        return new PoolScores(List.copyOf(testSets), datasets.toArray(String[]::new), keys.toArray(String[]::new),
                transpose(scores, testSets.size()), transposeFlags(matched, testSets.size()));
    }

    private static float[][] transpose(List<float[]> rows, int columns) {
        float[][] out = new float[columns][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int t = 0; t < columns; t++) {
                out[t][i] = rows.get(i)[t];
            }
        }
        return out;
    }

    private static boolean[][] transposeFlags(List<boolean[]> rows, int columns) {
        boolean[][] out = new boolean[columns][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int t = 0; t < columns; t++) {
                out[t][i] = rows.get(i)[t];
            }
        }
        return out;
    }
}
