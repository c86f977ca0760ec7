package org.clipdg.train.export;

import static org.clipdg.train.export.ExtraOperators.EXPAND;
import static org.clipdg.train.export.ExtraOperators.MAT_MUL;
import static org.clipdg.train.export.ExtraOperators.RESHAPE;
import static org.clipdg.train.export.ExtraOperators.SHAPE;
import static org.tribuo.util.onnx.ONNXOperators.ADD;
import static org.tribuo.util.onnx.ONNXOperators.CONCAT;
import static org.tribuo.util.onnx.ONNXOperators.GATHER;
import static org.tribuo.util.onnx.ONNXOperators.REDUCE_MEAN;

import ai.onnx.proto.OnnxMl;
import java.util.Map;
import org.clipdg.train.model.ClipModel;
import org.clipdg.train.model.ModelConfig;

/** The ViT image tower of {@code org.clipdg.train.model.VisionTransformer} as an ONNX graph. */
final class VisionTransformerGraph {
    private VisionTransformerGraph() {}

    static OnnxMl.GraphProto build(ClipModel model, boolean withActivations) {
        ModelConfig.ImageConfig config = model.config().image();
        int width = config.width();
        OnnxGraph g = new OnnxGraph(OnnxExporter.IMAGE_GRAPH, model.weights());
        OnnxLayers layers = new OnnxLayers(g);
        String images = g.input(OnnxExporter.IMAGE_INPUT, OnnxMl.TensorProto.DataType.FLOAT, 3, config.size(), config.size());

        String patches = layers.transpose(g.apply(RESHAPE, layers.conv("visual.conv1", images, config.patchSize(), 0),
                g.longs(0, width, -1)), 0, 2, 1);
        String classShape = g.apply(CONCAT, Map.of("axis", 0),
                g.apply(SHAPE, Map.of("start", 0, "end", 1), images), g.longs(1, width));
        String classToken = g.apply(EXPAND, g.apply(RESHAPE, g.weight("visual.class_embedding"), g.longs(1, 1, width)),
                classShape);
        String x = g.apply(ADD, g.apply(CONCAT, Map.of("axis", 1), classToken, patches),
                g.weight("visual.positional_embedding"));
        x = layers.layerNorm("visual.ln_pre", x);
        for (int i = 0; i < config.layers(); i++) {
            x = layers.residualBlock("visual.transformer.resblocks." + i, x, width, config.heads(), null);
            if (withActivations) {
                g.output(OnnxExporter.blockOutput(i),
                        g.apply(REDUCE_MEAN, Map.of("axes", new int[] {1}, "keepdims", 0), x), width);
            }
        }
        String pooled = layers.layerNorm("visual.ln_post", g.apply(GATHER, Map.of("axis", 1), x, g.scalar(0L)));
        g.output(OnnxExporter.EMBEDDING, g.apply(MAT_MUL, pooled, g.weight("visual.proj")), model.config().embedDim());
        return g.build();
    }
}
