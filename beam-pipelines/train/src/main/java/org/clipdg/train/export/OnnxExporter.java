package org.clipdg.train.export;

import ai.onnx.proto.OnnxMl;
import java.io.IOException;
import java.nio.file.Path;
import org.clipdg.core.AtomicFiles;
import org.clipdg.train.model.ClipModel;

/**
 * Writes the towers of a {@link ClipModel} as standalone ONNX models that reproduce
 * {@code encodeImage} (inference mode) and {@code encodeText}: input {@value #IMAGE_INPUT} float32
 * (batch, 3, size, size) or {@value #TEXT_INPUT} int64 (batch, context_length), output
 * {@value #EMBEDDING} (batch, embed_dim), unnormalised like OpenCLIP's exported towers. With
 * activations, outputs {@code block_0 .. block_{k-1}} (batch, width) hold the per-block activations
 * of {@code encodeImage} / {@code encodeText}. The batch dimension is dynamic ("batch").
 */
public final class OnnxExporter {
    /** 17 is the first opset with LayerNormalization. */
    public static final int OPSET = 17;
    /** The IR version that goes with {@link #OPSET}. */
    public static final long IR_VERSION = 8;
    public static final String PRODUCER = "clipdg";
    public static final String IMAGE_INPUT = "image";
    public static final String TEXT_INPUT = "input_ids";
    public static final String EMBEDDING = "embedding";
    static final String IMAGE_GRAPH = "clip_image_tower";
    static final String TEXT_GRAPH = "clip_text_tower";

    private OnnxExporter() {}

    public static String blockOutput(int block) {
        return "block_" + block;
    }

    public static void exportImageTower(ClipModel model, Path file, boolean withActivations) throws IOException {
        write(model, file, model.config().isVit() ? VisionTransformerGraph.build(model, withActivations)
                : ResNetGraph.build(model, withActivations));
    }

    public static void exportTextTower(ClipModel model, Path file, boolean withActivations) throws IOException {
        write(model, file, TextTransformerGraph.build(model, withActivations));
    }

    private static void write(ClipModel model, Path file, OnnxMl.GraphProto graph) throws IOException {
        OnnxMl.ModelProto onnx = OnnxMl.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName(PRODUCER)
                .setDocString(model.config().name())
                .setModelVersion(model.config().version())
                .setGraph(graph)
                .build();
        AtomicFiles.write(file, onnx::writeTo);
    }
}
