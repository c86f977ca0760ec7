package org.clipdg.evaluate.zeroshot;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.clipdg.evaluate.OnnxSessions;

/**
 * A CLIP text tower in ONNX Runtime: int64 token ids {@code [batch, context]} in, text embeddings
 * out (output {@code embedding}, else the first output).
 */
public final class TextTower implements AutoCloseable {
    private final OrtSession session;
    private final Path model;
    private final String inputName;
    private final String outputName;
    private final int contextLength;

    private TextTower(OrtSession session, Path model, String inputName, String outputName, int contextLength) {
        this.session = session;
        this.model = model;
        this.inputName = inputName;
        this.outputName = outputName;
        this.contextLength = contextLength;
    }

    public static TextTower open(Path file, int contextLength, int threads) throws IOException {
        try {
            OrtSession session = OnnxSessions.open(file, threads, "a text tower (token ids)");
            NodeInfo input = session.getInputInfo().values().iterator().next();
            TensorInfo info = (TensorInfo) input.getInfo();
            long[] shape = info.getShape();
            if (info.type != OnnxJavaType.INT64 || shape.length != 2 || (shape[1] > 0 && shape[1] != contextLength)) {
                throw new IOException(file + ": input '" + input.getName() + "' is " + info.type + " " + java.util.Arrays.toString(shape)
                        + ", expected int64 [batch, " + contextLength + "] token ids");
            }
            String output = session.getOutputNames().contains("embedding") ? "embedding" : session.getOutputNames().iterator().next();
            return new TextTower(session, file, input.getName(), output, contextLength);
        } catch (OrtException e) {
            throw new IOException(file + ": ONNX Runtime cannot run this model: " + e.getMessage(), e);
        }
    }

    /** Embeddings (not normalised) of each row of token ids, as {@code [rows][dimension]}. */
    public float[][] embed(long[][] ids) throws IOException {
        long[] flat = new long[ids.length * contextLength];
        for (int r = 0; r < ids.length; r++) {
            System.arraycopy(ids[r], 0, flat, r * contextLength, contextLength);
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, LongBuffer.wrap(flat), new long[] {ids.length, contextLength});
                OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            OnnxTensor out = (OnnxTensor) result.get(outputName).orElseThrow();
            long[] shape = out.getInfo().getShape();
            FloatBuffer values = out.getFloatBuffer();
            int dimension = (int) shape[shape.length - 1];
            float[][] embeddings = new float[ids.length][dimension];
            for (float[] row : embeddings) {
                values.get(row);
            }
            return embeddings;
        } catch (OrtException e) {
            throw new IOException(model + ": text inference failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        OnnxSessions.close(session, model);
    }
}
