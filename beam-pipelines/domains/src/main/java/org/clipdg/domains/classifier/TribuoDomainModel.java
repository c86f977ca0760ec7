package org.clipdg.domains.classifier;

import java.nio.FloatBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.ONNXExportable;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.fm.FMClassificationTrainer;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * The domain classifier's model on embeddings, trained with Tribuo (SGD with AdaGrad, seeded, one
 * thread) and exported to ONNX: multinomial logistic regression ({@link Kind#LINEAR}), or a
 * factorization machine ({@link Kind#FACTORIZATION_MACHINE}: the same linear term plus pairwise
 * feature interactions of rank {@value #FACTORS}, for embeddings whose domain is not linearly
 * separable). Exported without Tribuo's provenance (metadata and doc string), which
 * carries the training time and host: the same data and seed then give the same ONNX bytes;
 * clipdg's classifier card records the provenance instead.
 */
public final class TribuoDomainModel {
    /** The trained model as ONNX bytes, and the class of each output column. */
    public record Trained(byte[] onnx, List<String> classes, String trainer) {}

    /** Tribuo reports every training run at INFO; clipdg prints its own summary. Held so the setting is not collected. */
    private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

    static {
        TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    /** The model family; the names are the command line's. */
    public enum Kind {
        LINEAR("linear"), FACTORIZATION_MACHINE("fm");

        public final String option;

        Kind(String option) {
            this.option = option;
        }

        public static Kind of(String option) {
            for (Kind kind : values()) {
                if (kind.option.equals(option)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown domain classifier model '" + option + "' (linear or fm)");
        }
    }

    /** Rank of the factorization machine's pairwise interactions. */
    public static final int FACTORS = 16;
    private static final double FACTOR_INIT_VARIANCE = 0.1;

    private final Kind kind;
    private final int epochs;
    private final long seed;

    public TribuoDomainModel(Kind kind, int epochs, long seed) {
        this.kind = kind;
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
        Trainer<Label> trainer = switch (kind) {
            case LINEAR -> new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(1.0, 0.1), epochs, Integer.MAX_VALUE, 1, seed);
            case FACTORIZATION_MACHINE -> new FMClassificationTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1), epochs,
                    Integer.MAX_VALUE, 1, seed, FACTORS, FACTOR_INIT_VARIANCE);
        };
        Model<Label> model = trainer.train(dataset);
        if (model.getFeatureIDMap().size() != dimension) {
            throw new IllegalStateException("the model has " + model.getFeatureIDMap().size() + " features, expected " + dimension);
        }
        ImmutableOutputInfo<Label> outputs = model.getOutputIDInfo();
        List<String> classes = new ArrayList<>();
        for (int id = 0; id < outputs.size(); id++) {
            classes.add(outputs.getOutput(id).getLabel());
        }
        byte[] onnx = ((ONNXExportable) model).exportONNXModel("org.clipdg.domains", 1).toBuilder().clearMetadataProps().clearDocString().build()
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
