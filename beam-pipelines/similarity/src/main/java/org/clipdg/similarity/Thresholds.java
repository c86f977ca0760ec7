package org.clipdg.similarity;

/**
 * The threshold t(q) of every test point: its 1-NN similarity to the reference set, as the kernel
 * computed it, and recomputed canonically (see {@link TestSetScan#canonicalDot}) for the pairs whose
 * kernel similarity lies within rounding of it.
 */
record Thresholds(float[] kernel, double[] canonical) {
    Thresholds {
        if (kernel.length != canonical.length) {
            throw new IllegalArgumentException(kernel.length + " kernel thresholds but " + canonical.length + " canonical ones");
        }
    }

    /** The thresholds of the given test points, in that order. */
    Thresholds of(int[] points) {
        float[] k = new float[points.length];
        double[] c = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            k[i] = kernel[points[i]];
            c[i] = canonical[points[i]];
        }
        return new Thresholds(k, c);
    }
}
