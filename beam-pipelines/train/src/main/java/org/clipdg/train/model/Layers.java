package org.clipdg.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.NormalInitializer;

/**
 * Declares the weights of the building blocks under a name prefix and applies them. Names follow
 * OpenCLIP's ({@code ln_1.weight}, {@code attn.in_proj.weight}, ...), shapes follow PyTorch's.
 */
final class Layers {
    static final float LAYER_NORM_EPS = 1e-5f;
    static final float BATCH_NORM_EPS = 1e-5f;

    private Layers() {}

    /**
     * A scalar in PyTorch's memory, for arithmetic on tensors that autograd will differentiate. DJL's
     * {@code mul(Number)} and its kin put the number in a Java buffer and release it right after the
     * call while autograd keeps it for the backward pass; a garbage collection in between made the
     * backward pass read freed memory (rare, large run-to-run differences in CPU training).
     */
    static NDArray constant(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, like.getDataType());
    }

    static void declareLinear(Weights w, String prefix, int in, int out, boolean bias) {
        w.add(prefix + ".weight", new Shape(out, in), new NormalInitializer((float) Math.pow(in, -0.5)), true);
        if (bias) {
            w.add(prefix + ".bias", new Shape(out), new ConstantInitializer(0), true);
        }
    }

    static NDArray linear(Weights w, String prefix, NDArray x, boolean bias) {
        return bias ? Linear.linear(x, w.get(prefix + ".weight"), w.get(prefix + ".bias")).singletonOrThrow()
                : Linear.linear(x, w.get(prefix + ".weight")).singletonOrThrow();
    }

    static void declareLayerNorm(Weights w, String prefix, int width) {
        w.add(prefix + ".weight", new Shape(width), new ConstantInitializer(1), true);
        w.add(prefix + ".bias", new Shape(width), new ConstantInitializer(0), true);
    }

    static NDArray layerNorm(Weights w, String prefix, NDArray x) {
        NDArray gamma = w.get(prefix + ".weight");
        return LayerNorm.layerNorm(x, gamma.getShape(), gamma, w.get(prefix + ".bias"), LAYER_NORM_EPS)
                .singletonOrThrow();
    }

    static void declareConv(Weights w, String prefix, int in, int out, int kernel) {
        w.add(prefix + ".weight", new Shape(out, in, kernel, kernel),
                new NormalInitializer((float) Math.sqrt(2.0 / (in * kernel * kernel))), true);
    }

    static NDArray conv(Weights w, String prefix, NDArray x, int stride, int padding) {
        return Conv2d.conv2d(x, w.get(prefix + ".weight"), null, new Shape(stride, stride),
                new Shape(padding, padding), new Shape(1, 1)).singletonOrThrow();
    }

    static void declareBatchNorm(Weights w, String prefix, int channels) {
        w.add(prefix + ".weight", new Shape(channels), new ConstantInitializer(1), true);
        w.add(prefix + ".bias", new Shape(channels), new ConstantInitializer(0), true);
        w.add(prefix + ".running_mean", new Shape(channels), new ConstantInitializer(0), false);
        w.add(prefix + ".running_var", new Shape(channels), new ConstantInitializer(1), false);
    }

    /** Batch statistics (and running-statistics updates) when training, running statistics otherwise. */
    static NDArray batchNorm(Weights w, String prefix, NDArray x, boolean training) {
        return BatchNorm.batchNorm(x, w.get(prefix + ".running_mean"), w.get(prefix + ".running_var"),
                w.get(prefix + ".weight"), w.get(prefix + ".bias"), 1, 0.9f, BATCH_NORM_EPS, training)
                .singletonOrThrow();
    }

    /** Pre-norm transformer block: x + attn(ln_1(x)), then x + mlp(ln_2(x)); GELU is the exact (erf) form. */
    static void declareResidualBlock(Weights w, String prefix, int width, int mlpRatio) {
        declareLayerNorm(w, prefix + ".ln_1", width);
        declareLinear(w, prefix + ".attn.in_proj", width, 3 * width, true);
        declareLinear(w, prefix + ".attn.out_proj", width, width, true);
        declareLayerNorm(w, prefix + ".ln_2", width);
        declareLinear(w, prefix + ".mlp.c_fc", width, mlpRatio * width, true);
        declareLinear(w, prefix + ".mlp.c_proj", mlpRatio * width, width, true);
    }

    static NDArray residualBlock(Weights w, String prefix, NDArray x, int heads, NDArray mask) {
        NDArray attended = x.add(attention(w, prefix + ".attn", layerNorm(w, prefix + ".ln_1", x), heads, mask));
        NDArray hidden = Activation.gelu(linear(w, prefix + ".mlp.c_fc", layerNorm(w, prefix + ".ln_2", attended), true));
        return attended.add(linear(w, prefix + ".mlp.c_proj", hidden, true));
    }

    /** Multi-head self-attention on (batch, tokens, width); {@code mask} (tokens, tokens) is added to the scores. */
    static NDArray attention(Weights w, String prefix, NDArray x, int heads, NDArray mask) {
        Shape shape = x.getShape();
        long batch = shape.get(0);
        long tokens = shape.get(1);
        long width = shape.get(2);
        long headWidth = width / heads;
        NDArray qkv = linear(w, prefix + ".in_proj", x, true).reshape(batch, tokens, 3, heads, headWidth)
                .transpose(2, 0, 3, 1, 4);
        NDArray scores = qkv.get(0).matMul(qkv.get(1).transpose(0, 1, 3, 2))
                .mul(constant(x, 1.0 / Math.sqrt(headWidth)));
        if (mask != null) {
            scores = scores.add(mask);
        }
        NDArray mixed = scores.softmax(-1).matMul(qkv.get(2)).transpose(0, 2, 1, 3).reshape(batch, tokens, width);
        return linear(w, prefix + ".out_proj", mixed, true);
    }
}
