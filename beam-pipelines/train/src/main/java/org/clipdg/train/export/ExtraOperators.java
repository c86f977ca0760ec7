package org.clipdg.train.export;

import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.tribuo.util.onnx.ONNXAttribute;
import org.tribuo.util.onnx.ONNXOperator;

/** The operators the CLIP towers need beyond Tribuo's {@code ONNXOperators}; every attribute is optional. */
enum ExtraOperators implements ONNXOperator {
    ARG_MAX("ArgMax", 1, 0, attribute("axis", AttributeType.INT), attribute("keepdims", AttributeType.INT)),
    BATCH_NORMALIZATION("BatchNormalization", 5, 0, attribute("epsilon", AttributeType.FLOAT)),
    CONV("Conv", 2, 1, attribute("strides", AttributeType.INTS), attribute("pads", AttributeType.INTS)),
    ERF("Erf", 1, 0),
    EXPAND("Expand", 2, 0),
    GATHER_ND("GatherND", 2, 0, attribute("batch_dims", AttributeType.INT)),
    LAYER_NORMALIZATION("LayerNormalization", 2, 1, attribute("axis", AttributeType.INT),
            attribute("epsilon", AttributeType.FLOAT)),
    MAT_MUL("MatMul", 2, 0),
    RELU("Relu", 1, 0),
    RESHAPE("Reshape", 2, 0),
    SHAPE("Shape", 1, 0, attribute("start", AttributeType.INT), attribute("end", AttributeType.INT)),
    TRANSPOSE("Transpose", 1, 0, attribute("perm", AttributeType.INTS));

    private final String opName;
    private final int inputs;
    private final int optionalInputs;
    private final Map<String, ONNXAttribute> attributes;

    ExtraOperators(String opName, int inputs, int optionalInputs, ONNXAttribute... attributes) {
        this.opName = opName;
        this.inputs = inputs;
        this.optionalInputs = optionalInputs;
        this.attributes = Collections.unmodifiableMap(
                Arrays.stream(attributes).collect(Collectors.toMap(ONNXAttribute::getName, Function.identity())));
    }

    private static ONNXAttribute attribute(String name, AttributeType type) {
        return new ONNXAttribute(name, type, false);
    }

    @Override
    public String getOpName() {
        return opName;
    }

    @Override
    public int getNumInputs() {
        return inputs;
    }

    @Override
    public int getNumOptionalInputs() {
        return optionalInputs;
    }

    @Override
    public int getNumOutputs() {
        return 1;
    }

    @Override
    public Map<String, ONNXAttribute> getAttributes() {
        return attributes;
    }

    @Override
    public Set<String> getMandatoryAttributeNames() {
        return Set.of();
    }

    @Override
    public int getOpVersion() {
        return OnnxExporter.OPSET;
    }

    @Override
    public String getOpDomain() {
        return null;
    }
}
