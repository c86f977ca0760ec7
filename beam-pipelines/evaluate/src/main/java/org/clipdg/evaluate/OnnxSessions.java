package org.clipdg.evaluate;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.file.Path;

/** The evaluation's ONNX Runtime sessions (text tower, image tower): a fixed thread count, one input. */
public final class OnnxSessions {
    private OnnxSessions() {}

    /**
     * Opens {@code file} with {@code threads} intra-op threads.
     *
     * @param role what the model should be, for the error, e.g. "a text tower"
     * @throws IOException if ONNX Runtime cannot load it or it does not take exactly one input
     */
    public static OrtSession open(Path file, int threads, String role) throws IOException {
        OrtSession session = null;
        try {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(Math.max(1, threads));
            options.setInterOpNumThreads(1);
            session = OrtEnvironment.getEnvironment().createSession(file.toString(), options);
            if (session.getInputInfo().size() != 1) {
                throw new IOException(file + ": " + role + " takes one input, this model takes " + session.getInputNames());
            }
            return session;
        } catch (OrtException e) {
            throw new IOException(file + ": ONNX Runtime cannot run this model: " + e.getMessage(), e);
        } catch (IOException e) {
            close(session, file);
            throw e;
        }
    }

    public static void close(OrtSession session, Path model) throws IOException {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IOException(model + ": " + e.getMessage(), e);
        }
    }
}
