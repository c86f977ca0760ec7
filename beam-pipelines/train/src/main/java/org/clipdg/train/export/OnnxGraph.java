package org.clipdg.train.export;

import ai.djl.ndarray.NDArray;
import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import org.clipdg.train.model.Weights;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXOperator;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXUtils;

/**
 * Builds one ONNX graph whose values are referred to by name. Inputs and outputs get a leading
 * dynamic {@value #BATCH} dimension; model weights become initializers under their own names, added
 * the first time a node uses them, so each tower's file holds only its own weights.
 */
final class OnnxGraph {
    static final String BATCH = "batch";

    // Tribuo's context only names nodes and constants uniquely; it appends "_N" to every name, so
    // inputs, outputs and weights, which must keep their exact names, are added here directly.
    private final ONNXContext names = new ONNXContext();
    private final OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder();
    private final Weights weights;
    private final Set<String> storedWeights = new HashSet<>();
    private int values;

    OnnxGraph(String name, Weights weights) {
        this.weights = weights;
        graph.setName(name);
    }

    String input(String name, DataType type, long... dims) {
        graph.addInput(valueInfo(name, type, dims));
        return name;
    }

    /** Exposes {@code value} as the graph output {@code name} of shape (batch, dims...). */
    void output(String name, String value, long... dims) {
        graph.addNode(ONNXOperators.IDENTITY.build(names, value, name));
        graph.addOutput(valueInfo(name, DataType.FLOAT, dims));
    }

    String weight(String name) {
        if (storedWeights.add(name)) {
            NDArray array = weights.get(name);
            ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(array.size() * Float.BYTES))
                    .order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(array.toFloatArray());
            graph.addInitializer(OnnxMl.TensorProto.newBuilder().setName(name).setDataType(DataType.FLOAT_VALUE)
                    .addAllDims(Arrays.stream(array.getShape().getShape()).boxed().toList())
                    .setRawData(ByteString.copyFrom(bytes)));
        }
        return name;
    }

    /** A 1-D int64 constant, such as a shape or a list of indices. */
    String longs(long... data) {
        return constant(ONNXUtils.arrayBuilder(names, "longs", data));
    }

    String scalar(long value) {
        return constant(ONNXUtils.scalarBuilder(names, "scalar", value));
    }

    String scalar(float value) {
        return constant(ONNXUtils.scalarBuilder(names, "scalar", value));
    }

    String floats(String baseName, List<Integer> dims, float[] data) {
        return constant(ONNXUtils.floatTensorBuilder(names, baseName, dims, buffer -> buffer.put(data)));
    }

    private String constant(OnnxMl.TensorProto tensor) {
        graph.addInitializer(tensor);
        return tensor.getName();
    }

    String apply(ONNXOperator op, String... inputs) {
        return apply(op, Map.of(), inputs);
    }

    String apply(ONNXOperator op, Map<String, Object> attributes, String... inputs) {
        String output = op.getOpName().toLowerCase(Locale.ROOT) + "_" + values++;
        // Sorted: Map.of iterates in an order that changes from one JVM run to the next, and the
        // attribute order is part of the file's bytes.
        graph.addNode(op.build(names, inputs, new String[] {output}, new TreeMap<>(attributes)));
        return output;
    }

    OnnxMl.GraphProto build() {
        return graph.build();
    }

    private static OnnxMl.ValueInfoProto valueInfo(String name, DataType type, long... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        shape.addDimBuilder().setDimParam(BATCH);
        for (long dim : dims) {
            shape.addDimBuilder().setDimValue(dim);
        }
        OnnxMl.TypeProto.Tensor tensor = OnnxMl.TypeProto.Tensor.newBuilder().setElemType(type.getNumber())
                .setShape(shape).build();
        return OnnxMl.ValueInfoProto.newBuilder().setName(name)
                .setType(OnnxMl.TypeProto.newBuilder().setTensorType(tensor)).build();
    }
}
