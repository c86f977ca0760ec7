package org.clipdg.evaluate.zeroshot;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.clipdg.core.IngestedDataset;
import org.clipdg.core.embedding.EmbeddedDataset;
import org.clipdg.core.embedding.VectorBlock;
import org.clipdg.evaluate.metrics.TopKAccuracy;
import org.clipdg.schema.SampleMetadata;

/**
 * Zero-shot predictions of one model on one test set: cosine of every image embedding with every
 * class embedding, restricted to the test set's classes (its samplesheet class list; all classes
 * when it has none). Every image keeps its key, true class, domain and group for slicing.
 */
public record TestSetPredictions(String testSet, String[] keys, String[] domains, String[] groups, List<String> classes,
        int[] truth, TopKAccuracy ranking, float[] scores) {

    public static TestSetPredictions of(EmbeddedDataset embeddings, IngestedDataset dataset, String modelId, List<String> classes,
            float[][] classEmbeddings) throws IOException {
        if (!embeddings.name().equals(dataset.name())) {
            throw new IllegalArgumentException(embeddings.dir() + " holds embeddings of '" + embeddings.name()
                    + "', paired with dataset '" + dataset.name() + "'");
        }
        VectorBlock block = VectorBlock.readAll(embeddings, modelId);
        if (block.dimension() != classEmbeddings[0].length) {
            throw new IllegalArgumentException(embeddings.dir() + ": " + block.dimension() + "-d image embeddings, but the text"
                    + " tower gives " + classEmbeddings[0].length + "-d class embeddings");
        }
        Map<String, SampleMetadata> metadata = new HashMap<>();
        dataset.forEachMetadata(sample -> metadata.put(sample.getKey(), sample));
        List<String> own = dataset.manifest().getClasses();
        boolean[] mask = new boolean[classes.size()];
        for (int c = 0; c < mask.length; c++) {
            mask[c] = own.isEmpty() || own.contains(classes.get(c));
        }
        int rows = block.rows();
        String[] domains = new String[rows];
        String[] groups = new String[rows];
        int[] truth = new int[rows];
        float[] scores = new float[rows * classes.size()];
        for (int r = 0; r < rows; r++) {
            String key = block.keys()[r];
            SampleMetadata sample = metadata.get(key);
            if (sample == null) {
                throw new IOException(embeddings.dir() + ": embedding of key '" + key + "', which dataset " + dataset.dir() + " does not hold");
            }
            truth[r] = classes.indexOf(sample.getClassName());
            if (truth[r] < 0 || !mask[truth[r]]) {
                throw new IOException(dataset.dir() + ": sample '" + key + "' has class '" + sample.getClassName()
                        + "', which is not among the test set's classes " + (own.isEmpty() ? classes : own));
            }
            domains[r] = sample.getDomain().isEmpty() ? dataset.manifest().getDomain() : sample.getDomain();
            groups[r] = sample.getGroup().isEmpty() ? dataset.manifest().getGroup() : sample.getGroup();
            for (int c = 0; c < classes.size(); c++) {
                double dot = 0;
                for (int d = 0; d < block.dimension(); d++) {
                    dot += block.vectors().get(r * block.dimension() + d) * classEmbeddings[c][d];
                }
                scores[r * classes.size() + c] = (float) dot;
            }
        }
        return new TestSetPredictions(dataset.name(), block.keys(), domains, groups, List.copyOf(classes), truth,
                TopKAccuracy.of(scores, classes.size(), truth, mask), scores);
    }

    public int size() {
        return keys.length;
    }

    /** Whether row {@code r}'s true class is among its {@code k} best-scoring allowed classes. */
    public boolean correctAt(int r, int k) {
        return ranking.rank(r) <= k;
    }
}
