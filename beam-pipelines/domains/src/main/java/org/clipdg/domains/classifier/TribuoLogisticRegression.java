package org.clipdg.domains.classifier;

import java.nio.FloatBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Multinomial logistic regression on embeddings with Tribuo (SGD with AdaGrad, seeded, one
 * thread), exported to ONNX. Exported without Tribuo's provenance (metadata and doc string), which
 * carries the training time and host: the same data and seed then give the same ONNX bytes;
 * clipdg's classifier card records the provenance instead.
 */
public final class TribuoLogisticRegression {
    /** The trained model as ONNX bytes, and the class of each output column. */
    public record Trained(byte[] onnx, List<String> classes, String trainer) {}

    /** Tribuo reports every training run at INFO; clipdg prints its own summary. Held so the setting is not collected. */
    private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

    static {
        TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private final int epochs;
    private final long seed;

    public TribuoLogisticRegression(int epochs, long seed) {
        this.epochs = epochs;
        this.seed = seed;
    }

    public Trained train(FloatBuffer vectors, int dimension, String[] labels, boolean[] use) {
        LabelFactory factory = new LabelFactory();
        // A fixed creation time: the provenance (and so the model) must not depend on when it ran.
        OffsetDateTime fixed = OffsetDateTime.ofInstant(Instant.EPOCH, ZoneOffset.UTC);
        MutableDataset<Label> dataset = new MutableDataset<>(
                new SimpleDataSourceProvenance("clipdg labelled embeddings, train split", fixed, factory), factory);
        String[] names = featureNames(dimension);
        for (int i = 0; i < labels.length; i++) {
            if (use[i]) {
                double[] values = new double[dimension];
                for (int d = 0; d < dimension; d++) {
                    values[d] = vectors.get(i * dimension + d);
                }
                dataset.add(new ArrayExample<>(new Label(labels[i]), names, values));
            }
        }
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(1.0, 0.1), epochs,
                Integer.MAX_VALUE, 1, seed);
        LinearSGDModel model = (LinearSGDModel) trainer.train(dataset);
        if (model.getFeatureIDMap().size() != dimension) {
            throw new IllegalStateException("the model has " + model.getFeatureIDMap().size() + " features, expected " + dimension);
        }
        ImmutableOutputInfo<Label> outputs = model.getOutputIDInfo();
        List<String> classes = new ArrayList<>();
        for (int id = 0; id < outputs.size(); id++) {
            classes.add(outputs.getOutput(id).getLabel());
        }
        byte[] onnx = model.exportONNXModel("org.clipdg.domains", 1).toBuilder().clearMetadataProps().clearDocString().build()
                .toByteArray();
        return new Trained(onnx, classes, "Tribuo " + org.tribuo.Tribuo.VERSION + " " + trainer);
    }

    /** Names whose sorted order (Tribuo's feature order, so the ONNX input's column order) is the index order. */
    static String[] featureNames(int dimension) {
        int width = String.valueOf(dimension - 1).length();
        String[] names = new String[dimension];
        for (int d = 0; d < dimension; d++) {
            names[d] = "e" + "0".repeat(width - String.valueOf(d).length()) + d;
        }
        return names;
    }
}
