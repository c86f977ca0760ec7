package org.clipdg.domains.classifier;

import ai.djl.ndarray.NDArray;
import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Writes a {@link DomainNetwork} as ONNX: input {@value #INPUT} float (batch, dimension), one Gemm
 * per linear layer with a Relu between them, and a Softmax giving {@value #OUTPUT} (batch, classes).
 * Nothing in the file depends on when or where it was written.
 */
final class DomainNetworkOnnx {
    static final String INPUT = "embedding";
    static final String OUTPUT = "probabilities";
    /** Opset 13: Softmax over one axis. */
    private static final int OPSET = 13;
    private static final long IR_VERSION = 7;
    private static final String BATCH = "batch";

    /** A linear layer's weights: {@code weight} (out, in) as PyTorch holds them, {@code bias} (out). */
    record Layer(NDArray weight, NDArray bias) {}

    private DomainNetworkOnnx() {}

    static byte[] export(List<Layer> layers, int dimension) {
        OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder().setName("clipdg_domain_classifier");
        graph.addInput(valueInfo(INPUT, dimension));
        String value = INPUT;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            String weight = "layer" + i + ".weight";
            String bias = "layer" + i + ".bias";
            graph.addInitializer(tensor(weight, layer.weight()));
            graph.addInitializer(tensor(bias, layer.bias()));
            String output = "layer" + i;
            graph.addNode(OnnxMl.NodeProto.newBuilder().setName(output).setOpType("Gemm").addInput(value).addInput(weight)
                    .addInput(bias).addOutput(output).addAttribute(OnnxMl.AttributeProto.newBuilder().setName("transB")
                            .setType(OnnxMl.AttributeProto.AttributeType.INT).setI(1)));
            value = output;
            if (i + 1 < layers.size()) {
                graph.addNode(OnnxMl.NodeProto.newBuilder().setName(output + ".relu").setOpType("Relu").addInput(value)
                        .addOutput(output + ".relu"));
                value = output + ".relu";
            }
        }
        graph.addNode(OnnxMl.NodeProto.newBuilder().setName("softmax").setOpType("Softmax").addInput(value).addOutput(OUTPUT)
                .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("axis").setType(OnnxMl.AttributeProto.AttributeType.INT)
                        .setI(1)));
        long classes = layers.get(layers.size() - 1).bias().getShape().get(0);
        graph.addOutput(valueInfo(OUTPUT, classes));
        return OnnxMl.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName("clipdg")
                .setGraph(graph)
                .build()
                .toByteArray();
    }

    private static OnnxMl.TensorProto tensor(String name, NDArray array) {
        ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(array.size() * Float.BYTES)).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(array.toFloatArray());
        OnnxMl.TensorProto.Builder tensor = OnnxMl.TensorProto.newBuilder().setName(name).setDataType(DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(bytes.array()));
        for (long dim : array.getShape().getShape()) {
            tensor.addDims(dim);
        }
        return tensor.build();
    }

    private static OnnxMl.ValueInfoProto valueInfo(String name, long columns) {
        OnnxMl.TensorShapeProto shape = OnnxMl.TensorShapeProto.newBuilder()
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH))
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(columns))
                .build();
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(OnnxMl.TypeProto.newBuilder()
                .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder().setElemType(DataType.FLOAT_VALUE).setShape(shape))).build();
    }
}
