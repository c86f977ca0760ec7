package org.clipdg.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.ConstantInitializer;
import java.util.List;

/**
 * The two-tower CLIP model: image and text embeddings in a joint space, compared by cosine and a
 * learnable temperature ({@code logit_scale}, stored as a log, initialised to log(1/0.07) and
 * clamped at log(100) after every update, as CLIP and OpenCLIP do).
 */
public final class ClipModel {
    public static final float INITIAL_LOGIT_SCALE = (float) Math.log(1 / 0.07);
    public static final float MAX_LOGIT_SCALE = (float) Math.log(100);

    private final ModelConfig config;
    private final int vocabSize;
    private final Weights weights = new Weights();
    private final ImageTower image;
    private final TextTransformer text;

    /** Declares every weight; {@link #initialize} allocates them. */
    public ClipModel(ModelConfig config, int vocabSize) {
        this.config = config;
        this.vocabSize = vocabSize;
        this.image = config.isVit() ? new VisionTransformer(weights, config.image(), config.embedDim())
                : new ResNetTower(weights, config.image(), config.embedDim());
        this.text = new TextTransformer(weights, config.text(), vocabSize, config.embedDim());
        weights.add("logit_scale", new Shape(), new ConstantInitializer(INITIAL_LOGIT_SCALE), true);
    }

    public void initialize(NDManager manager) {
        weights.initialize(manager);
    }

    public ModelConfig config() {
        return config;
    }

    public int vocabSize() {
        return vocabSize;
    }

    public Weights weights() {
        return weights;
    }

    /** Unnormalised image embeddings; {@code activations} (may be null) collects one pooled array per block. */
    public NDArray encodeImage(NDArray images, boolean training, List<NDArray> activations) {
        return image.encode(images, training, activations);
    }

    /** Unnormalised text embeddings of int64 token ids (batch, context_length). */
    public NDArray encodeText(NDArray ids, List<NDArray> activations) {
        return text.encode(ids, activations);
    }

    /**
     * Symmetric InfoNCE: cross-entropy of image-to-text and text-to-image logits against the
     * diagonal, averaged. Pair i of the batch is the positive for row and column i.
     */
    public NDArray contrastiveLoss(NDArray images, NDArray ids) {
        NDArray imageEmbeddings = normalize(encodeImage(images, true, null));
        NDArray textEmbeddings = normalize(encodeText(ids, null));
        NDArray logits = imageEmbeddings.matMul(textEmbeddings.transpose()).mul(weights.get("logit_scale").exp());
        NDArray imageToText = crossEntropyOnDiagonal(logits);
        NDArray textToImage = crossEntropyOnDiagonal(logits.transpose());
        return imageToText.add(textToImage).div(Layers.constant(logits, 2));
    }

    private static NDArray crossEntropyOnDiagonal(NDArray logits) {
        long batch = logits.getShape().get(0);
        NDArray logProbabilities = logits.logSoftmax(1);
        NDArray diagonal = logits.getManager().eye((int) batch);
        return logProbabilities.mul(diagonal).sum().neg().div(Layers.constant(logits, batch));
    }

    public static NDArray normalize(NDArray embeddings) {
        return embeddings.div(embeddings.norm(new int[] {1}, true).clip(1e-12f, Float.MAX_VALUE));
    }

    /** Keeps the temperature within CLIP's bound; call after each optimiser step. */
    public void clampLogitScale() {
        NDArray scale = weights.get("logit_scale");
        float value = scale.getFloat();
        if (value < 0 || value > MAX_LOGIT_SCALE) {
            scale.set(new float[] {Math.max(0, Math.min(value, MAX_LOGIT_SCALE))});
        }
    }
}
