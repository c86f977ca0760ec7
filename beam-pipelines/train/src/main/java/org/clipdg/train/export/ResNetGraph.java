package org.clipdg.train.export;

import static org.clipdg.train.export.ExtraOperators.RELU;
import static org.tribuo.util.onnx.ONNXOperators.ADD;
import static org.tribuo.util.onnx.ONNXOperators.REDUCE_MEAN;

import ai.onnx.proto.OnnxMl;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.clipdg.train.model.ClipModel;
import org.clipdg.train.model.ModelConfig;

/** The CNN image tower of {@code org.clipdg.train.model.ResNetTower} as an ONNX graph, batch norm in inference form. */
final class ResNetGraph {
    private ResNetGraph() {}

    static OnnxMl.GraphProto build(ClipModel model, boolean withActivations) {
        ModelConfig.ImageConfig config = model.config().image();
        List<Integer> widths = config.widths();
        OnnxGraph g = new OnnxGraph(OnnxExporter.IMAGE_GRAPH, model.weights());
        OnnxLayers layers = new OnnxLayers(g);
        String images = g.input(OnnxExporter.IMAGE_INPUT, OnnxMl.TensorProto.DataType.FLOAT, 3, config.size(), config.size());

        Set<String> weightNames = model.weights().arrays().keySet();
        String x = g.apply(RELU, layers.batchNorm("visual.stem.bn", layers.conv("visual.stem.conv", images, 1, 1)));
        for (int i = 0; i < widths.size(); i++) {
            String p = "visual.stages." + i;
            int stride = i == 0 ? 1 : 2;
            String y = g.apply(RELU, layers.batchNorm(p + ".bn1", layers.conv(p + ".conv1", x, stride, 1)));
            y = layers.batchNorm(p + ".bn2", layers.conv(p + ".conv2", y, 1, 1));
            // The model declares a projection shortcut exactly where the shape changes.
            String shortcut = weightNames.contains(p + ".downsample.conv.weight")
                    ? layers.batchNorm(p + ".downsample.bn", layers.conv(p + ".downsample.conv", x, stride, 0))
                    : x;
            x = g.apply(RELU, g.apply(ADD, y, shortcut));
            if (withActivations) {
                g.output(OnnxExporter.blockOutput(i), globalAveragePool(g, x), widths.get(i));
            }
        }
        g.output(OnnxExporter.EMBEDDING, layers.linear("visual.proj", globalAveragePool(g, x), false),
                model.config().embedDim());
        return g.build();
    }

    private static String globalAveragePool(OnnxGraph g, String x) {
        return g.apply(REDUCE_MEAN, Map.of("axes", new int[] {2, 3}, "keepdims", 0), x);
    }
}
