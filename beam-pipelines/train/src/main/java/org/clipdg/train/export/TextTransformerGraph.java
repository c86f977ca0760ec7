package org.clipdg.train.export;

import static org.clipdg.train.export.ExtraOperators.ARG_MAX;
import static org.clipdg.train.export.ExtraOperators.GATHER_ND;
import static org.clipdg.train.export.ExtraOperators.MAT_MUL;
import static org.tribuo.util.onnx.ONNXOperators.ADD;
import static org.tribuo.util.onnx.ONNXOperators.GATHER;

import ai.onnx.proto.OnnxMl;
import java.util.List;
import java.util.Map;
import org.clipdg.train.model.ClipModel;
import org.clipdg.train.model.ModelConfig;

/**
 * The text tower of {@code org.clipdg.train.model.TextTransformer} as an ONNX graph: features at
 * argmax(input_ids), the end-of-text position.
 */
final class TextTransformerGraph {
    private TextTransformerGraph() {}

    static OnnxMl.GraphProto build(ClipModel model, boolean withActivations) {
        ModelConfig.TextConfig config = model.config().text();
        int tokens = config.contextLength();
        OnnxGraph g = new OnnxGraph(OnnxExporter.TEXT_GRAPH, model.weights());
        OnnxLayers layers = new OnnxLayers(g);
        String ids = g.input(OnnxExporter.TEXT_INPUT, OnnxMl.TensorProto.DataType.INT64, tokens);

        // (batch, 1) positions; GatherND with one batch dimension picks one token row per sequence.
        String endOfText = g.apply(ARG_MAX, Map.of("axis", 1, "keepdims", 1), ids);
        Map<String, Object> perSequence = Map.of("batch_dims", 1);
        String x = g.apply(ADD, g.apply(GATHER, Map.of("axis", 0), g.weight("token_embedding.weight"), ids),
                g.weight("positional_embedding"));
        String mask = g.floats("causal_mask", List.of(tokens, tokens), causalMask(tokens));
        for (int i = 0; i < config.layers(); i++) {
            x = layers.residualBlock("transformer.resblocks." + i, x, config.width(), config.heads(), mask);
            if (withActivations) {
                g.output(OnnxExporter.blockOutput(i), g.apply(GATHER_ND, perSequence, x, endOfText), config.width());
            }
        }
        String features = g.apply(GATHER_ND, perSequence, layers.layerNorm("ln_final", x), endOfText);
        g.output(OnnxExporter.EMBEDDING, g.apply(MAT_MUL, features, g.weight("text_projection")),
                model.config().embedDim());
        return g.build();
    }

    /** Upper triangle -inf: token t attends to tokens 0..t only. */
    private static float[] causalMask(int tokens) {
        float[] mask = new float[tokens * tokens];
        for (int row = 0; row < tokens; row++) {
            for (int column = row + 1; column < tokens; column++) {
                mask[row * tokens + column] = Float.NEGATIVE_INFINITY;
            }
        }
        return mask;
    }
}
