package org.clipdg.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import ai.djl.training.initializer.NormalInitializer;
import java.util.List;

/**
 * CLIP's text tower: token and position embeddings, a causal pre-LN transformer, a final layer
 * norm, and the features at the end-of-text token, found as argmax(input_ids) because the
 * tokenizer gives end-of-text the highest id (as CLIP's BPE does), then a projection.
 */
final class TextTransformer {
    private final Weights w;
    private final ModelConfig.TextConfig config;

    TextTransformer(Weights w, ModelConfig.TextConfig config, int vocabSize, int embedDim) {
        this.w = w;
        this.config = config;
        int width = config.width();
        w.add("token_embedding.weight", new Shape(vocabSize, width), new NormalInitializer(0.02f), true);
        w.add("positional_embedding", new Shape(config.contextLength(), width), new NormalInitializer(0.01f), true);
        for (int i = 0; i < config.layers(); i++) {
            Layers.declareResidualBlock(w, block(i), width, config.mlpRatio());
        }
        Layers.declareLayerNorm(w, "ln_final", width);
        w.add("text_projection", new Shape(width, embedDim), new NormalInitializer((float) Math.pow(width, -0.5)), true);
    }

    private static String block(int i) {
        return "transformer.resblocks." + i;
    }

    /** Upper triangle -inf: token t attends to tokens 0..t only. */
    static NDArray causalMask(NDManager manager, int tokens) {
        float[] mask = new float[tokens * tokens];
        for (int row = 0; row < tokens; row++) {
            for (int column = row + 1; column < tokens; column++) {
                mask[row * tokens + column] = Float.NEGATIVE_INFINITY;
            }
        }
        return manager.create(mask, new Shape(tokens, tokens));
    }

    /** {@code ids}: int64 (batch, context_length). */
    NDArray encode(NDArray ids, List<NDArray> activations) {
        int tokens = config.contextLength();
        NDArray endOfText = ids.argMax(1).oneHot(tokens).expandDims(2);
        NDArray x = Embedding.embedding(ids, w.get("token_embedding.weight"), SparseFormat.DENSE).singletonOrThrow()
                .add(w.get("positional_embedding"));
        NDArray mask = causalMask(ids.getManager(), tokens);
        for (int i = 0; i < config.layers(); i++) {
            x = Layers.residualBlock(w, block(i), x, config.heads(), mask);
            if (activations != null) {
                activations.add(x.mul(endOfText).sum(new int[] {1}));
            }
        }
        NDArray features = Layers.layerNorm(w, "ln_final", x).mul(endOfText).sum(new int[] {1});
        return features.matMul(w.get("text_projection"));
    }
}
