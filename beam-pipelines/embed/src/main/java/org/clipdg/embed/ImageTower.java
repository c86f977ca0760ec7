package org.clipdg.embed;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.io.Serializable;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.clipdg.core.embedding.UnitVectors;

/**
 * A CLIP image tower in ONNX Runtime: float32 {@code [batch, 3, size, size]} pixels in,
 * L2-normalised embeddings out. Sessions are expensive, so {@link #shared} keeps one per JVM and
 * settings; {@link OrtSession#run} is thread-safe, so every worker of the JVM uses it.
 */
final class ImageTower {
    private static final Map<Settings, ImageTower> SHARED = new ConcurrentHashMap<>();

    /**
     * What identifies a session: the model file and its card's sha256 (the file's content: a TaskManager that
     * outlives a job may see another model at the same path), the shapes the card promises, and how to run it.
     */
    record Settings(String modelFile, String modelCardSha256, int imageSize, int dimension, int threads, String device)
            implements Serializable {}

    private final Settings settings;
    private final OrtSession session;
    private final String inputName;
    private final String outputName;

    private ImageTower(Settings settings, OrtSession session, String inputName, String outputName) {
        this.settings = settings;
        this.session = session;
        this.inputName = inputName;
        this.outputName = outputName;
    }

    /** The JVM's session for these settings, opened (and validated) on first use. */
    static ImageTower shared(Settings settings) {
        return SHARED.computeIfAbsent(settings, s -> {
            try {
                return open(s);
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }

    /**
     * Opens a session and checks the model against the card: one float input {@code [*, 3, size, size]}
     * and an output of {@code dimension} values per image, tried on one blank image.
     */
    static ImageTower open(Settings settings) throws IOException {
        String model = settings.modelFile();
        try {
            OrtSession session = OrtEnvironment.getEnvironment().createSession(model, sessionOptions(settings));
            if (session.getInputInfo().size() != 1) {
                throw new IOException(model + ": an image tower takes one input, this model takes " + session.getInputNames());
            }
            NodeInfo input = session.getInputInfo().values().iterator().next();
            long[] shape = ((TensorInfo) input.getInfo()).getShape();
            long size = settings.imageSize();
            if (shape.length != 4 || !fits(shape[1], 3) || !fits(shape[2], size) || !fits(shape[3], size)) {
                throw new IOException(model + ": input '" + input.getName() + "' has shape " + Arrays.toString(shape)
                        + ", but the model card says [batch, 3, " + size + ", " + size + "]");
            }
            String output = session.getOutputNames().contains("embedding") ? "embedding" : session.getOutputNames().iterator().next();
            ImageTower tower = new ImageTower(settings, session, input.getName(), output);
            int produced = tower.run(new float[3 * (int) (size * size)], 1).length;
            if (produced != settings.dimension()) {
                throw new IOException(model + ": output '" + output + "' has " + produced
                        + " values per image, but the model card says embed_dim " + settings.dimension());
            }
            return tower;
        } catch (OrtException e) {
            throw new IOException(model + ": ONNX Runtime cannot run this model: " + e.getMessage(), e);
        }
    }

    private static boolean fits(long dim, long expected) {
        return dim <= 0 || dim == expected;
    }

    private static OrtSession.SessionOptions sessionOptions(Settings settings) throws OrtException, IOException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        options.setIntraOpNumThreads(settings.threads());
        options.setInterOpNumThreads(1);
        switch (settings.device()) {
            case "cpu" -> { }
            case "cuda" -> {
                try {
                    options.addCUDA(0);
                } catch (OrtException | UnsatisfiedLinkError e) {
                    throw new IOException("--device=cuda: the CUDA execution provider is not available (" + e.getMessage()
                            + "); build with 'mvn -Pgpu' on a machine with CUDA, or use --device=cpu", e);
                }
            }
            case "auto" -> {
                try {
                    options.addCUDA(0);
                } catch (OrtException | UnsatisfiedLinkError e) {
                    // No usable CUDA: the CPU provider, always present, runs the model.
                }
            }
            default -> throw new IOException("--device=" + settings.device() + ": unknown device (cpu, cuda or auto)");
        }
        return options;
    }

    int dimension() {
        return settings.dimension();
    }

    /**
     * Embeds a batch of preprocessed images ({@code 3 * size * size} floats each). A row whose
     * embedding has no direction (zero or non-finite norm) comes back null.
     */
    float[][] embed(List<float[]> images) throws OrtException {
        int plane = 3 * settings.imageSize() * settings.imageSize();
        float[] batch = new float[images.size() * plane];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i), 0, batch, i * plane, plane);
        }
        float[][] rows = splitRows(run(batch, images.size()), images.size());
        for (int i = 0; i < rows.length; i++) {
            rows[i] = UnitVectors.l2Normalised(rows[i]);
        }
        return rows;
    }

    private float[] run(float[] batch, int count) throws OrtException {
        long size = settings.imageSize();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(batch), new long[] {count, 3, size, size});
                OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            OnnxTensor output = (OnnxTensor) result.get(outputName).orElseThrow();
            FloatBuffer values = output.getFloatBuffer();
            float[] out = new float[values.remaining()];
            values.get(out);
            return out;
        }
    }

    private static float[][] splitRows(float[] flat, int rows) {
        int width = flat.length / rows;
        float[][] out = new float[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = Arrays.copyOfRange(flat, i * width, (i + 1) * width);
        }
        return out;
    }
}
