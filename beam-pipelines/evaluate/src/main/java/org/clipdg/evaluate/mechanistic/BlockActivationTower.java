package org.clipdg.evaluate.mechanistic;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.clipdg.core.model.ModelDirectory;
import org.clipdg.evaluate.OnnxSessions;

/**
 * A CLIP image tower in ONNX Runtime, read for its per-block pooled activations: the extra outputs
 * its model card lists under {@code image_activations} ({@code clipdg train --export-activations}).
 */
public final class BlockActivationTower implements AutoCloseable {
    private final OrtSession session;
    private final Path model;
    private final String inputName;
    private final List<String> blocks;
    private final int imageSize;

    private BlockActivationTower(OrtSession session, Path model, String inputName, List<String> blocks, int imageSize) {
        this.session = session;
        this.model = model;
        this.inputName = inputName;
        this.blocks = blocks;
        this.imageSize = imageSize;
    }

    /**
     * @throws IllegalArgumentException if the card lists no activation outputs
     * @throws IOException if the image model cannot be run or lacks an output its card lists
     */
    public static BlockActivationTower open(ModelDirectory directory, int threads) throws IOException {
        List<String> blocks = List.copyOf(directory.card().getImageActivations());
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException(directory.dir() + ": the model exports no per-block activations (image_activations"
                    + " in model_card.json is empty); train it with 'clipdg train --export-activations'");
        }
        Path file = directory.imageModel();
        OrtSession session = OnnxSessions.open(file, threads, "an image tower");
        Set<String> outputs = session.getOutputNames();
        List<String> missing = blocks.stream().filter(b -> !outputs.contains(b)).toList();
        if (!missing.isEmpty()) {
            OnnxSessions.close(session, file);
            throw new IOException(file + ": the model card lists activation outputs " + blocks + ", but the model lacks "
                    + missing + " (it has " + outputs + ")");
        }
        return new BlockActivationTower(session, file, session.getInputNames().iterator().next(), blocks,
                directory.preprocessor().size());
    }

    public List<String> blocks() {
        return blocks;
    }

    /**
     * Pooled activations of a batch of preprocessed images ({@code 3 * size * size} floats each), as
     * {@code [block][image][unit]}.
     */
    public float[][][] run(List<float[]> images) throws IOException {
        int plane = 3 * imageSize * imageSize;
        float[] batch = new float[images.size() * plane];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i), 0, batch, i * plane, plane);
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(batch),
                        new long[] {images.size(), 3, imageSize, imageSize});
                OrtSession.Result result = session.run(Map.of(inputName, tensor), Set.copyOf(blocks))) {
            List<float[][]> out = new ArrayList<>();
            for (String block : blocks) {
                FloatBuffer values = ((OnnxTensor) result.get(block).orElseThrow()).getFloatBuffer();
                int units = values.remaining() / images.size();
                float[][] rows = new float[images.size()][units];
                for (float[] row : rows) {
                    values.get(row);
                }
                out.add(rows);
            }
            return out.toArray(float[][][]::new);
        } catch (OrtException e) {
            throw new IOException(model + ": activation inference failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        OnnxSessions.close(session, model);
    }
}
