package org.clipdg.domains;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * A domain classifier in ONNX Runtime: a {@code [rows, dimension]} float matrix of embeddings in,
 * a {@code [rows, classes]} matrix of class probabilities out. {@link OrtSession#run} is
 * thread-safe, so one session serves every worker of a JVM.
 */
public final class ClassifierSession implements AutoCloseable {
    private final OrtSession session;
    private final String what;
    private final String inputName;
    private final String outputName;
    private final int dimension;
    private final int classes;

    private ClassifierSession(OrtSession session, String what, String inputName, String outputName, int dimension, int classes) {
        this.session = session;
        this.what = what;
        this.inputName = inputName;
        this.outputName = outputName;
        this.dimension = dimension;
        this.classes = classes;
    }

    /** Opens the model and checks it: one float input of {@code dimension} columns, {@code classes} outputs per row. */
    public static ClassifierSession open(byte[] onnx, String what, int dimension, int classes, int threads) throws IOException {
        try {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(Math.max(1, threads));
            options.setInterOpNumThreads(1);
            OrtSession session = OrtEnvironment.getEnvironment().createSession(onnx, options);
            if (session.getInputInfo().size() != 1) {
                throw new IOException(what + ": a domain classifier takes one input, this model takes " + session.getInputNames());
            }
            NodeInfo input = session.getInputInfo().values().iterator().next();
            long[] shape = ((TensorInfo) input.getInfo()).getShape();
            if (shape.length != 2 || (shape[1] > 0 && shape[1] != dimension)) {
                throw new IOException(what + ": input '" + input.getName() + "' has shape " + java.util.Arrays.toString(shape)
                        + ", expected [batch, " + dimension + "]");
            }
            String output = session.getOutputNames().iterator().next();
            ClassifierSession classifier = new ClassifierSession(session, what, input.getName(), output, dimension, classes);
            classifier.probabilities(FloatBuffer.wrap(new float[dimension]), 1);
            return classifier;
        } catch (OrtException e) {
            throw new IOException(what + ": ONNX Runtime cannot run this model: " + e.getMessage(), e);
        }
    }

    public String inputName() {
        return inputName;
    }

    public String outputName() {
        return outputName;
    }

    /** Class probabilities of {@code rows} embeddings (row-major from the buffer's position), row-major. */
    public float[] probabilities(FloatBuffer vectors, int rows) throws IOException {
        FloatBuffer batch = vectors.slice(vectors.position(), rows * dimension);
        try (OnnxTensor tensor = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), batch, new long[] {rows, dimension});
                OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            FloatBuffer out = ((OnnxTensor) result.get(outputName).orElseThrow()).getFloatBuffer();
            if (out.remaining() != rows * classes) {
                throw new IOException(what + ": output '" + outputName + "' has " + out.remaining() + " values for " + rows
                        + " rows, expected " + classes + " class probabilities per row");
            }
            float[] probabilities = new float[rows * classes];
            out.get(probabilities);
            return probabilities;
        } catch (OrtException e) {
            throw new IOException(what + ": inference failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IOException(what + ": " + e.getMessage(), e);
        }
    }
}
