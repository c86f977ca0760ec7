package org.clipdg.domains.classifier;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.PrintStream;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The domain classifier's network on embeddings, trained with DJL + PyTorch on the CPU and exported
 * to ONNX ({@link DomainNetworkOnnx}): multinomial logistic regression ({@link Kind#LINEAR}), or a
 * perceptron with one hidden ReLU layer of {@value #HIDDEN} units ({@link Kind#MLP}), for embeddings
 * whose domains are not linearly separable. Adam on the cross-entropy, mini-batches in an order drawn
 * from the seed: the same data, seed and thread count give the same ONNX bytes.
 */
public final class DomainNetwork {
    /** The trained network as ONNX bytes, the class of each output column, and how it was trained. */
    public record Trained(byte[] onnx, List<String> classes, String trainer) {}

    /** The model family; the names are the command line's. */
    public enum Kind {
        LINEAR("linear", List.of()), MLP("mlp", List.of(DomainNetwork.HIDDEN));

        public final String option;
        final List<Integer> hiddenLayers;

        Kind(String option, List<Integer> hiddenLayers) {
            this.option = option;
            this.hiddenLayers = hiddenLayers;
        }

        public static Kind of(String option) {
            for (Kind kind : values()) {
                if (kind.option.equals(option)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown domain classifier model '" + option + "' (mlp or linear)");
        }
    }

    static final int HIDDEN = 256;
    private static final int BATCH = 128;
    /** Small labelled sets get smaller batches, so that every epoch still takes this many steps. */
    private static final int MIN_STEPS_PER_EPOCH = 32;
    private static final float LEARNING_RATE = 1e-3f;
    private static final float WEIGHT_DECAY = 1e-4f;

    private final Kind kind;
    private final int epochs;
    private final long seed;
    private final PrintStream progress;

    public DomainNetwork(Kind kind, int epochs, long seed, PrintStream progress) {
        this.kind = kind;
        this.epochs = epochs;
        this.seed = seed;
        this.progress = progress;
    }

    /** Trains on the rows marked in {@code use}; output columns are the labels in sorted order. */
    public Trained train(FloatBuffer vectors, int dimension, String[] labels, boolean[] use) {
        List<String> classes = new ArrayList<>(usedLabels(labels, use));
        int rows = 0;
        for (boolean used : use) {
            rows += used ? 1 : 0;
        }
        float[] features = new float[rows * dimension];
        float[] targets = new float[rows];
        for (int i = 0, row = 0; i < labels.length; i++) {
            if (use[i]) {
                vectors.get(i * dimension, features, row * dimension, dimension);
                targets[row++] = classes.indexOf(labels[i]);
            }
        }
        int batch = Math.max(1, Math.min(BATCH, rows / MIN_STEPS_PER_EPOCH));
        Engine.getInstance().setRandomSeed((int) seed);
        SequentialBlock network = network(classes.size());
        try (Model model = Model.newInstance("domain-classifier", Device.cpu(), "PyTorch")) {
            model.setBlock(network);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(LEARNING_RATE))
                            .optWeightDecays(WEIGHT_DECAY).build())
                    .optDevices(new Device[] {Device.cpu()});
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(batch, dimension));
                NDManager manager = trainer.getManager();
                NDArray x = manager.create(features, new Shape(rows, dimension));
                NDArray y = manager.create(targets);
                SplittableRandom order = new SplittableRandom(seed);
                for (int epoch = 1; epoch <= epochs; epoch++) {
                    double loss = epoch(trainer, x, y, shuffled(rows, order), batch);
                    progress.printf(Locale.ROOT, "[domain-classifier] epoch %d/%d: mean loss %.4f%n", epoch, epochs, loss);
                }
            }
            byte[] onnx = DomainNetworkOnnx.export(linearLayers(network), dimension);
            return new Trained(onnx, classes, String.format(Locale.ROOT, "DJL %s + PyTorch %s: %s, hidden ReLU layers %s,"
                    + " softmax cross-entropy, Adam (learning rate %s, weight decay %s), batch %d, %d epochs, seed %d",
                    Engine.getDjlVersion(), Engine.getInstance().getVersion(), kind.option, kind.hiddenLayers, LEARNING_RATE,
                    WEIGHT_DECAY, batch, epochs, seed));
        }
    }

    private SequentialBlock network(int classes) {
        SequentialBlock network = new SequentialBlock();
        for (int units : kind.hiddenLayers) {
            network.add(Linear.builder().setUnits(units).build()).add(Activation.reluBlock());
        }
        return network.add(Linear.builder().setUnits(classes).build());
    }

    /** One pass over the rows in {@code order}; the mean loss of its batches. */
    private static double epoch(Trainer trainer, NDArray x, NDArray y, int[] order, int batchSize) {
        double sum = 0;
        int batches = 0;
        for (int start = 0; start < order.length; start += batchSize) {
            int[] batch = Arrays.copyOfRange(order, start, Math.min(order.length, start + batchSize));
            try (NDManager scope = x.getManager().newSubManager()) {
                NDArray index = scope.create(batch);
                NDList inputs = new NDList(x.get(index));
                NDList labels = new NDList(y.get(index));
                try (GradientCollector gradients = trainer.newGradientCollector()) {
                    NDArray loss = trainer.getLoss().evaluate(labels, trainer.forward(inputs));
                    gradients.backward(loss);
                    sum += loss.getFloat();
                }
                trainer.step();
            }
            batches++;
        }
        return sum / batches;
    }

    private static int[] shuffled(int rows, SplittableRandom random) {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        for (int i = rows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    private static List<DomainNetworkOnnx.Layer> linearLayers(SequentialBlock network) {
        List<DomainNetworkOnnx.Layer> layers = new ArrayList<>();
        for (Block block : network.getChildren().values()) {
            if (block instanceof Linear linear) {
                layers.add(new DomainNetworkOnnx.Layer(linear.getParameters().get("weight").getArray(),
                        linear.getParameters().get("bias").getArray()));
            }
        }
        return layers;
    }

    private static TreeSet<String> usedLabels(String[] labels, boolean[] use) {
        TreeSet<String> used = new TreeSet<>();
        for (int i = 0; i < labels.length; i++) {
            if (use[i]) {
                used.add(labels[i]);
            }
        }
        return used;
    }
}
