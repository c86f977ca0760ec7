package org.clipdg.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.NormalInitializer;
import java.util.List;

/** CLIP's ViT: patch convolution, class token, positions, pre-LN transformer, LN on the class token, projection. */
final class VisionTransformer implements ImageTower {
    private final Weights w;
    private final ModelConfig.ImageConfig config;

    VisionTransformer(Weights w, ModelConfig.ImageConfig config, int embedDim) {
        this.w = w;
        this.config = config;
        int width = config.width();
        int patches = (config.size() / config.patchSize()) * (config.size() / config.patchSize());
        float scale = (float) Math.pow(width, -0.5);
        Layers.declareConv(w, "visual.conv1", 3, width, config.patchSize());
        w.add("visual.class_embedding", new Shape(width), new NormalInitializer(scale), true);
        w.add("visual.positional_embedding", new Shape(patches + 1, width), new NormalInitializer(scale), true);
        Layers.declareLayerNorm(w, "visual.ln_pre", width);
        for (int i = 0; i < config.layers(); i++) {
            Layers.declareResidualBlock(w, block(i), width, config.mlpRatio());
        }
        Layers.declareLayerNorm(w, "visual.ln_post", width);
        w.add("visual.proj", new Shape(width, embedDim), new NormalInitializer(scale), true);
    }

    private static String block(int i) {
        return "visual.transformer.resblocks." + i;
    }

    @Override
    public NDArray encode(NDArray images, boolean training, List<NDArray> activations) {
        long batch = images.getShape().get(0);
        int width = config.width();
        NDArray patches = Layers.conv(w, "visual.conv1", images, config.patchSize(), 0)
                .reshape(batch, width, -1).transpose(0, 2, 1);
        NDArray classToken = w.get("visual.class_embedding").reshape(1, 1, width).broadcast(new Shape(batch, 1, width));
        NDArray x = classToken.concat(patches, 1).add(w.get("visual.positional_embedding"));
        x = Layers.layerNorm(w, "visual.ln_pre", x);
        for (int i = 0; i < config.layers(); i++) {
            x = Layers.residualBlock(w, block(i), x, config.heads(), null);
            if (activations != null) {
                activations.add(x.mean(new int[] {1}));
            }
        }
        NDArray pooled = Layers.layerNorm(w, "visual.ln_post", x.get(new NDIndex(":, 0, :")));
        return pooled.matMul(w.get("visual.proj"));
    }
}
