package org.clipdg.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.List;

/**
 * A small ResNet: a 3x3 stem, then one basic residual block per stage (two 3x3 convolutions with
 * batch norm; stages after the first halve the resolution, with a 1x1 projection shortcut when the
 * shape changes), global average pooling and a linear projection.
 */
final class ResNetTower implements ImageTower {
    private final Weights w;
    private final List<Integer> widths;

    ResNetTower(Weights w, ModelConfig.ImageConfig config, int embedDim) {
        this.w = w;
        this.widths = config.widths();
        Layers.declareConv(w, "visual.stem.conv", 3, widths.get(0), 3);
        Layers.declareBatchNorm(w, "visual.stem.bn", widths.get(0));
        int in = widths.get(0);
        for (int i = 0; i < widths.size(); i++) {
            int out = widths.get(i);
            String p = stage(i);
            Layers.declareConv(w, p + ".conv1", in, out, 3);
            Layers.declareBatchNorm(w, p + ".bn1", out);
            Layers.declareConv(w, p + ".conv2", out, out, 3);
            Layers.declareBatchNorm(w, p + ".bn2", out);
            if (needsProjection(i, in, out)) {
                Layers.declareConv(w, p + ".downsample.conv", in, out, 1);
                Layers.declareBatchNorm(w, p + ".downsample.bn", out);
            }
            in = out;
        }
        Layers.declareLinear(w, "visual.proj", in, embedDim, false);
    }

    private static String stage(int i) {
        return "visual.stages." + i;
    }

    private static boolean needsProjection(int stage, int in, int out) {
        return stage > 0 || in != out;
    }

    @Override
    public NDArray encode(NDArray images, boolean training, List<NDArray> activations) {
        NDArray x = Activation.relu(Layers.batchNorm(w, "visual.stem.bn",
                Layers.conv(w, "visual.stem.conv", images, 1, 1), training));
        int in = widths.get(0);
        for (int i = 0; i < widths.size(); i++) {
            int out = widths.get(i);
            String p = stage(i);
            int stride = i == 0 ? 1 : 2;
            NDArray y = Activation.relu(Layers.batchNorm(w, p + ".bn1", Layers.conv(w, p + ".conv1", x, stride, 1), training));
            y = Layers.batchNorm(w, p + ".bn2", Layers.conv(w, p + ".conv2", y, 1, 1), training);
            NDArray shortcut = needsProjection(i, in, out)
                    ? Layers.batchNorm(w, p + ".downsample.bn", Layers.conv(w, p + ".downsample.conv", x, stride, 0), training)
                    : x;
            x = Activation.relu(y.add(shortcut));
            if (activations != null) {
                activations.add(globalAveragePool(x));
            }
            in = out;
        }
        return Layers.linear(w, "visual.proj", globalAveragePool(x), false);
    }

    private static NDArray globalAveragePool(NDArray x) {
        return x.reshape(x.getShape().get(0), x.getShape().get(1), -1).mean(new int[] {2});
    }
}
