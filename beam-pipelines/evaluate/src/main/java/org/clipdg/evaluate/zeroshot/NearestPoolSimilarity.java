package org.clipdg.evaluate.zeroshot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.clipdg.core.AvroRecordFile;
import org.clipdg.core.split.Whitelist;
import org.clipdg.schema.PoolNeighbour;
import org.clipdg.schema.TestPointSimilarity;

/**
 * Each test point's 1-NN similarity to the training pool, from the similarity step's
 * {@code test_neighbours.avro}. For a model trained on a split, the pool is the split: the nearest
 * neighbour is the first of the point's top-k pool neighbours the split's whitelist keeps; a point
 * none of whose top k is in the split has no value here (NaN) and is counted, not binned.
 */
public final class NearestPoolSimilarity {
    public static final String FILE = "test_neighbours.avro";

    private final Map<String, Map<String, Float>> bySet;

    private NearestPoolSimilarity(Map<String, Map<String, Float>> bySet) {
        this.bySet = bySet;
    }

    /** Reads {@code similarityDir/test_neighbours.avro}; {@code split} may be null (the whole pool). */
    public static NearestPoolSimilarity read(Path similarityDir, Whitelist split) throws IOException {
        Map<String, Map<String, Float>> bySet = new HashMap<>();
        AvroRecordFile.forEach(similarityDir.resolve(FILE), TestPointSimilarity.class, point -> {
            float nearest = Float.NaN;
            for (PoolNeighbour neighbour : point.getNeighbours()) {
                if (split == null || split.contains(neighbour.getDataset(), neighbour.getKey())) {
                    nearest = neighbour.getSimilarity();
                    break;
                }
            }
            bySet.computeIfAbsent(point.getTestSet(), set -> new HashMap<>()).put(point.getKey(), nearest);
        });
        return new NearestPoolSimilarity(bySet);
    }

    /** The value of every prediction row, in row order; a test point the similarity step did not see is an error. */
    public double[] of(TestSetPredictions predictions) throws IOException {
        Map<String, Float> values = bySet.get(predictions.testSet());
        if (values == null) {
            throw new IOException("the similarity step did not compare test set '" + predictions.testSet() + "' with the pool");
        }
        double[] result = new double[predictions.size()];
        for (int r = 0; r < result.length; r++) {
            Float value = values.get(predictions.keys()[r]);
            if (value == null) {
                throw new IOException("test set '" + predictions.testSet() + "': key '" + predictions.keys()[r]
                        + "' has no pool neighbours in the similarity step's " + FILE);
            }
            result[r] = value;
        }
        return result;
    }
}
