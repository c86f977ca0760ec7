package org.clipdg.train.export;

import static org.clipdg.train.export.ExtraOperators.BATCH_NORMALIZATION;
import static org.clipdg.train.export.ExtraOperators.CONV;
import static org.clipdg.train.export.ExtraOperators.ERF;
import static org.clipdg.train.export.ExtraOperators.LAYER_NORMALIZATION;
import static org.clipdg.train.export.ExtraOperators.MAT_MUL;
import static org.clipdg.train.export.ExtraOperators.RESHAPE;
import static org.clipdg.train.export.ExtraOperators.TRANSPOSE;
import static org.tribuo.util.onnx.ONNXOperators.ADD;
import static org.tribuo.util.onnx.ONNXOperators.DIV;
import static org.tribuo.util.onnx.ONNXOperators.GATHER;
import static org.tribuo.util.onnx.ONNXOperators.MUL;
import static org.tribuo.util.onnx.ONNXOperators.SOFTMAX;

import java.util.Map;

/** The building blocks of {@code org.clipdg.train.model.Layers}, with the same weight names, as ONNX nodes. */
final class OnnxLayers {
    private static final float LAYER_NORM_EPS = 1e-5f;
    private static final float BATCH_NORM_EPS = 1e-5f;

    private final OnnxGraph g;

    OnnxLayers(OnnxGraph graph) {
        this.g = graph;
    }

    /** x W^T (+ b), W (out, in): the transpose of a constant is folded by the runtime. */
    String linear(String prefix, String x, boolean bias) {
        String y = g.apply(MAT_MUL, x, transpose(g.weight(prefix + ".weight"), 1, 0));
        return bias ? g.apply(ADD, y, g.weight(prefix + ".bias")) : y;
    }

    String layerNorm(String prefix, String x) {
        return g.apply(LAYER_NORMALIZATION, Map.of("axis", -1, "epsilon", LAYER_NORM_EPS), x,
                g.weight(prefix + ".weight"), g.weight(prefix + ".bias"));
    }

    /** Exact GELU: 0.5 x (1 + erf(x / sqrt 2)). */
    String gelu(String x) {
        String erf = g.apply(ERF, g.apply(DIV, x, g.scalar((float) Math.sqrt(2))));
        return g.apply(MUL, g.apply(MUL, x, g.scalar(0.5f)), g.apply(ADD, erf, g.scalar(1f)));
    }

    /** Convolution without bias, square stride and padding. */
    String conv(String prefix, String x, int stride, int padding) {
        return g.apply(CONV, Map.of("strides", new int[] {stride, stride},
                "pads", new int[] {padding, padding, padding, padding}), x, g.weight(prefix + ".weight"));
    }

    /** Inference-mode batch norm with the running statistics. */
    String batchNorm(String prefix, String x) {
        return g.apply(BATCH_NORMALIZATION, Map.of("epsilon", BATCH_NORM_EPS), x, g.weight(prefix + ".weight"),
                g.weight(prefix + ".bias"), g.weight(prefix + ".running_mean"), g.weight(prefix + ".running_var"));
    }

    /** Pre-norm transformer block on (batch, tokens, width); {@code mask} may be null. */
    String residualBlock(String prefix, String x, int width, int heads, String mask) {
        String attended = g.apply(ADD, x, attention(prefix + ".attn", layerNorm(prefix + ".ln_1", x), width, heads, mask));
        String hidden = gelu(linear(prefix + ".mlp.c_fc", layerNorm(prefix + ".ln_2", attended), true));
        return g.apply(ADD, attended, linear(prefix + ".mlp.c_proj", hidden, true));
    }

    private String attention(String prefix, String x, int width, int heads, String mask) {
        int headWidth = width / heads;
        String qkv = transpose(g.apply(RESHAPE, linear(prefix + ".in_proj", x, true), g.longs(0, 0, 3, heads, headWidth)),
                2, 0, 3, 1, 4);
        String q = g.apply(GATHER, Map.of("axis", 0), qkv, g.scalar(0L));
        String k = g.apply(GATHER, Map.of("axis", 0), qkv, g.scalar(1L));
        String v = g.apply(GATHER, Map.of("axis", 0), qkv, g.scalar(2L));
        String scores = g.apply(MUL, g.apply(MAT_MUL, q, transpose(k, 0, 1, 3, 2)),
                g.scalar((float) (1.0 / Math.sqrt(headWidth))));
        if (mask != null) {
            scores = g.apply(ADD, scores, mask);
        }
        String mixed = transpose(g.apply(MAT_MUL, g.apply(SOFTMAX, Map.of("axis", -1), scores), v), 0, 2, 1, 3);
        return linear(prefix + ".out_proj", g.apply(RESHAPE, mixed, g.longs(0, 0, width)), true);
    }

    String transpose(String x, int... perm) {
        return g.apply(TRANSPOSE, Map.of("perm", perm), x);
    }
}
