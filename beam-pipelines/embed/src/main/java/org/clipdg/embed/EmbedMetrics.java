package org.clipdg.embed;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * Counters of the embedding pipeline: Beam metrics (summed over every worker, shown by the runner's
 * UI and read back at the end) and a JVM-local count of embedded images for live progress, which
 * local runners share with the driver.
 */
final class EmbedMetrics {
    static final String NAMESPACE = "clipdg.embed";
    static final String READ_NANOS = "read_nanos";
    static final String PREPROCESS_NANOS = "decode_preprocess_nanos";
    static final String INFERENCE_NANOS = "inference_nanos";
    static final String WRITE_NANOS = "write_nanos";
    static final String EMBEDDED = "images_embedded";
    static final String REJECTED = "images_rejected";

    static final AtomicLong EMBEDDED_IN_THIS_JVM = new AtomicLong();

    private EmbedMetrics() {}

    static Counter counter(String name) {
        return Metrics.counter(NAMESPACE, name);
    }
}
